import { TasksScreen } from '@/components/tasks/TasksScreen';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Tasks' };

export default async function Page({ searchParams }: { searchParams: Promise<{ domain?: string }> }) {
  const { domain } = await searchParams;
  const s = sectionFor('/tasks');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <TasksScreen initialDomain={domain} />
    </>
  );
}
