import { Allowed } from '@/components/auth/session';
import { Stack } from '@mantine/core';
import { CollectionsList } from '@/components/collections/CollectionsList';
import { UploadPanel } from '@/components/collections/UploadPanel';
import { PageHeader } from '@/components/ui/PageHeader';
import { sectionFor } from '@/components/ui/sections';

export const metadata = { title: 'Collections' };

export default function Page() {
  const s = sectionFor('/collections');
  return (
    <Stack gap="xl">
      <div>
        <PageHeader title={s.label} summary={s.summary} />
        <Allowed to="curate">
          <UploadPanel />
        </Allowed>
      </div>
      <div>
        <CollectionsList />
      </div>
    </Stack>
  );
}
