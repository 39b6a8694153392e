import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Domains' };

export default function Page() {
  return <StagePage href="/domains" />;
}
