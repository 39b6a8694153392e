import { ReviewScreen } from '@/components/review/ReviewScreen';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Review' };

export default function Page() {
  const s = sectionFor('/review');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <ReviewScreen />
    </>
  );
}
