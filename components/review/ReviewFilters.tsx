'use client';
import { Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';
import { OUTCOME_OPTIONS } from '../runs/format';
import { type FilterForm, SCOPE_OPTIONS, STATUS_OPTIONS } from './useReviewFilter';

/** Run, domain, outcome, tag, review status and text search of the queue. */
export function ReviewFilters({
  form,
  search,
  onSearch,
  set,
}: {
  form: FilterForm;
  search: string;
  onSearch: (v: string) => void;
  set: (p: Partial<FilterForm>) => void;
}) {
  const trpc = useTRPC();
  // The newest 200 runs; an older one is reached from its run page ("Review this run").
  const runs = useQuery(trpc.runs.list.queryOptions({ limit: 200 }));
  const domains = useQuery(trpc.domains.list.queryOptions());
  const runOptions = (runs.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name || r.id.slice(0, 8)} · ${new Date(r.createdAt).toLocaleString()}` }));
  const domainOptions = (Array.isArray(domains.data) ? [] : (domains.data?.domains ?? [])).map((d) => ({ value: d.id, label: d.name }));
  return (
    <Group gap="sm" wrap="wrap" data-testid="review-filters">
      <Select label="Run" placeholder="All runs" data={runOptions} value={form.runId} onChange={(v) => set({ runId: v })} clearable searchable w={240} />
      <Select
        label="Domain"
        placeholder="All domains"
        data={domainOptions}
        value={form.domainId}
        onChange={(v) => set({ domainId: v })}
        clearable
        searchable
        w={200}
      />
      <Select
        label="Outcome"
        placeholder="Any outcome"
        data={[...OUTCOME_OPTIONS]}
        value={form.outcome}
        onChange={(v) => set({ outcome: v })}
        clearable
        w={160}
      />
      <Select
        label="Tag"
        placeholder="Any tag"
        data={[
          { value: 'recovered', label: 'recovered' },
          { value: 'truncated', label: 'truncated' },
        ]}
        value={form.tag}
        onChange={(v) => set({ tag: v })}
        clearable
        w={130}
      />
      <Select
        label="Review status"
        data={[...STATUS_OPTIONS]}
        value={form.status}
        onChange={(v) => set({ status: v ?? 'unreviewed' })}
        allowDeselect={false}
        w={150}
      />
      <Select label="Whose" data={[...SCOPE_OPTIONS]} value={form.scope} onChange={(v) => set({ scope: v ?? 'all' })} allowDeselect={false} w={170} />
      <TextInput
        label="Search"
        leftSection={<IconSearch size={16} />}
        placeholder="Text in the messages"
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        w={220}
      />
    </Group>
  );
}
