import { ToolsTable } from '@/components/tools/ToolsTable';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Tools' };

export default async function Page({ searchParams }: { searchParams: Promise<{ collection?: string }> }) {
  const { collection } = await searchParams;
  const s = sectionFor('/tools');
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      <ToolsTable key={collection ?? 'all'} initialCollection={collection} />
    </>
  );
}
