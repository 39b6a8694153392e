import { TaskView } from '@/components/tasks/TaskView';

export const metadata = { title: 'Task' };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string }> }) {
  const { id } = await params;
  const { from } = await searchParams;
  return <TaskView key={id} id={id} from={from} />;
}
