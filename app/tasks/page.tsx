import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Tasks' };

export default function Page() {
  return <StagePage href="/tasks" />;
}
