import { StagePage } from '@/components/ui/StagePage';

export const metadata = { title: 'Collections' };

export default function Page() {
  return <StagePage href="/collections" />;
}
