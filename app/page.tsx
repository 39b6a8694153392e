import { Overview } from '@/components/home/Overview';

export default function Page() {
  return <Overview />;
}
