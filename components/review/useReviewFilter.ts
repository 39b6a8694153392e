'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { ReviewFilter } from '@/server/db/queries/reviews';

export const STATUS_OPTIONS = [
  { value: 'unreviewed', label: 'Unreviewed' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'disputed', label: 'Disputed' },
  { value: 'all', label: 'Any status' },
] as const;

export const SCOPE_OPTIONS = [
  { value: 'all', label: 'Everyone’s' },
  { value: 'todo', label: 'Not judged by me' },
  { value: 'assigned', label: 'Assigned to me' },
] as const;

export type FilterForm = {
  runId: string | null;
  domainId: string | null;
  outcome: string | null;
  tag: string | null;
  status: string;
  scope: string;
  search: string;
};

const KEYS = ['runId', 'domainId', 'outcome', 'tag', 'status', 'scope', 'search'] as const;

/** The queue's filter, kept in the URL query; the status is "unreviewed" unless the URL says otherwise. */
export function useReviewFilter() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const form: FilterForm = useMemo(
    () => ({
      runId: params.get('runId'),
      domainId: params.get('domainId'),
      // Links from before the verification outcome was called "failed" said "rejected".
      outcome: params.get('outcome') === 'rejected' ? 'failed' : params.get('outcome'),
      tag: params.get('tag'),
      status: params.get('status') ?? 'unreviewed',
      scope: params.get('scope') ?? 'all',
      search: params.get('search') ?? '',
    }),
    [params],
  );
  const set = useCallback(
    (patch: Partial<FilterForm>) => {
      const next = new URLSearchParams(params.toString());
      for (const k of KEYS) {
        if (!(k in patch)) continue;
        const v = patch[k];
        if (v == null || v === '' || (k === 'status' && v === 'unreviewed') || (k === 'scope' && v === 'all')) next.delete(k);
        else next.set(k, v);
      }
      const q = next.toString();
      router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return { form, set };
}

/** The form as the API's filter. */
export function toFilter(f: FilterForm, search: string): ReviewFilter {
  return {
    runId: f.runId ?? undefined,
    domainId: f.domainId ?? undefined,
    outcome: (f.outcome as ReviewFilter['outcome']) ?? undefined,
    tag: f.tag ?? undefined,
    status: f.status === 'all' ? undefined : (f.status as ReviewFilter['status']),
    scope: f.scope === 'all' ? undefined : (f.scope as ReviewFilter['scope']),
    search: search.trim() || undefined,
  };
}
