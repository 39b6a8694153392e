import { Allowed } from '@/components/auth/session';
import { JobsTable } from '@/components/jobs/JobsTable';
import { SelfCheckButton } from '@/components/jobs/SelfCheckButton';
import { PageHeader } from '@/components/ui/PageHeader';

export const metadata = { title: 'Jobs' };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Jobs"
        summary="Long work running in the queue: live progress, errors, cancel."
        actions={
          <Allowed to="curate">
            <SelfCheckButton />
          </Allowed>
        }
      />
      <JobsTable />
    </>
  );
}
