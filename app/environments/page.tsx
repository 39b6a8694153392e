import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Environments' };

export default function Page() {
  return <StagePage href="/environments" />;
}
