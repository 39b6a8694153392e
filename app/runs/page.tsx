import { RunsScreen } from '@/components/runs/RunsScreen';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Runs' };

export default function Page() {
  const s = sectionFor('/runs');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <RunsScreen />
    </>
  );
}
