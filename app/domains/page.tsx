import { DomainsList } from '@/components/domains/DomainsList';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Domains' };

export default function Page() {
  const s = sectionFor('/domains');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <DomainsList />
    </>
  );
}
