import { ConfigView } from '@/components/settings/ConfigView';
import { PageHeader } from '@/components/ui/PageHeader';

export const metadata = { title: 'Settings' };

export default function Page() {
  return (
    <>
      <PageHeader title="Settings" summary="The effective configuration of this studio." />
      <ConfigView />
    </>
  );
}
