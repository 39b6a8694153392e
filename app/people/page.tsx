import { PeopleView } from '@/components/people/PeopleView';
import { PageHeader } from '@/components/ui/PageHeader';

export const metadata = { title: 'People' };

export default function Page() {
  return (
    <>
      <PageHeader title="People" summary="Who can sign in, and what each role may do." />
      <PeopleView />
    </>
  );
}
