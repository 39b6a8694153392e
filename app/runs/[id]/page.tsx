import { RunView } from '@/components/runs/RunView';

export const metadata = { title: 'Run' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunView key={id} id={id} />;
}
