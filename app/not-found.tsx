'use client';
import { EmptyState } from '@/components/ui/EmptyState';
import { IconMapQuestion } from '@tabler/icons-react';

export default function NotFound() {
  return (
    <EmptyState icon={IconMapQuestion} title="Page not found" body="There is no page at this address." next={{ label: 'Back to the overview', href: '/' }} />
  );
}
