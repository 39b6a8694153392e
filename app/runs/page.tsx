import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Runs' };

export default function Page() {
  return <StagePage href="/runs" />;
}
