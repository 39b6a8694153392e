import { ExportsScreen } from '@/components/exports/ExportsScreen';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Exports' };

export default function Page() {
  const s = sectionFor('/exports');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <ExportsScreen />
    </>
  );
}
