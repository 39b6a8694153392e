import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Graph' };

export default function Page() {
  return <StagePage href="/graph" />;
}
