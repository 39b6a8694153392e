'use client';
import { EmptyState } from './EmptyState';
import { PageHeader } from './PageHeader';
import { sectionFor } from './sections';

/** A pipeline stage that has nothing to show yet: its purpose, and the step that comes first. */
export function StagePage({ href }: { href: string }) {
  const s = sectionFor(href);
  return (
    <>
      <PageHeader title={s.label} summary={s.summary} />
      {s.empty && <EmptyState icon={s.icon} {...s.empty} />}
    </>
  );
}
