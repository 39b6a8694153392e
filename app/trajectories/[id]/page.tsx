import { TrajectoryView } from '@/components/trajectory/TrajectoryView';

export const metadata = { title: 'Trajectory' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TrajectoryView key={id} id={id} />;
}
