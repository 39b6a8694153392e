import { EnvironmentsList } from '@/components/environments/EnvironmentsList';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Environments' };

export default function Page() {
  const s = sectionFor('/environments');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <EnvironmentsList />
    </>
  );
}
