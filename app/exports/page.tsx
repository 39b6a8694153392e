import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Exports' };

export default function Page() {
  return <StagePage href="/exports" />;
}
