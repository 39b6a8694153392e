import { GraphScreen } from '@/components/graph/GraphScreen';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Graph' };

export default function Page() {
  const s = sectionFor('/graph');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <GraphScreen />
    </>
  );
}
