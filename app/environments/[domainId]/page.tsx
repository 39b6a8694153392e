import { EnvironmentEditor } from '@/components/environments/EnvironmentEditor';

export const metadata = { title: 'Environment' };

export default async function Page({ params }: { params: Promise<{ domainId: string }> }) {
  const { domainId } = await params;
  return <EnvironmentEditor key={domainId} domainId={domainId} />;
}
