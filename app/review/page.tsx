import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Review' };

export default function Page() {
  return <StagePage href="/review" />;
}
