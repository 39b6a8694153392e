'use client';
import { Paper, Skeleton, Stack, Title } from '@mantine/core';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useState } from 'react';
import { Allowed } from '../auth/session';
import { Comparison } from './Comparison';
import { EvaluationsList } from './EvaluationsList';
import { LaunchEvaluation } from './LaunchEvaluation';

/** The evaluation stage: launch an evaluation, follow it, compare finished ones (kept in the URL: `?compare=a,b`). */
export function EvaluateScreen() {
  return (
    <Suspense fallback={<Skeleton h={600} />}>
      <Screen />
    </Suspense>
  );
}

function Screen() {
  const params = useSearchParams();
  const pathname = usePathname();
  // Held here as well as in the URL: a checkbox answers at once. The address is replaced at once
  // too, through the history API (Next.js keeps its router in step): router.replace would wait on
  // a server round trip first, and a reload meanwhile lost the newest choice.
  const [selected, setSelected] = useState(() => (params.get('compare') ?? '').split(',').filter(Boolean).slice(0, 8));
  const toggle = useCallback(
    (id: string) => {
      const next = selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id].slice(-8);
      setSelected(next);
      window.history.replaceState(null, '', next.length ? `${pathname}?compare=${next.join(',')}` : pathname);
    },
    [selected, pathname],
  );
  return (
    <Stack gap="lg">
      <Allowed to="curate">
        <LaunchEvaluation />
      </Allowed>
      <Paper withBorder radius="md" p="md" component="section" aria-label="Evaluations">
        <Title order={4} mb="sm">
          Evaluations
        </Title>
        <EvaluationsList selected={selected} onToggle={toggle} />
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-label="Comparison">
        <Title order={4} mb="sm">
          pass^k, side by side
        </Title>
        <Comparison ids={selected} />
      </Paper>
    </Stack>
  );
}
