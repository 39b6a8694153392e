import { EvaluateScreen } from '@/components/evaluate/EvaluateScreen';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Evaluate' };

export default function Page() {
  const s = sectionFor('/evaluate');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <EvaluateScreen />
    </>
  );
}
