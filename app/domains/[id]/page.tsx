import { DomainView } from '@/components/domains/DomainView';

export const metadata = { title: 'Domain' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DomainView key={id} id={id} />;
}
