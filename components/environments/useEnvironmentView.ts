'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

export const ENVIRONMENT_TABS = ['tools', 'schema', 'versions', 'data', 'reference', 'connect'] as const;
export type EnvironmentTab = (typeof ENVIRONMENT_TABS)[number];
export type SchemaView = 'diagram' | 'list';

/**
 * What the environment page shows, kept in the URL query so a link (or a reload) opens the same
 * place: the tab (`?tab=data`), the table whose rows are shown (`&table=orders`), and whether the
 * schema is drawn or listed (`&view=list`). Defaults are left out of the URL.
 */
export function useEnvironmentView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => {
    const tab = params.get('tab');
    return {
      tab: (ENVIRONMENT_TABS as readonly string[]).includes(tab ?? '') ? (tab as EnvironmentTab) : 'tools',
      table: params.get('table'),
      schemaView: (params.get('view') === 'list' ? 'list' : 'diagram') as SchemaView,
    };
  }, [params]);

  const go = useCallback(
    (patch: { tab?: EnvironmentTab; table?: string | null; view?: SchemaView }, how: 'push' | 'replace') => {
      const next = new URLSearchParams(params.toString());
      const put = (k: string, v: string | null | undefined, fallback: string) => (v == null || v === fallback ? next.delete(k) : next.set(k, v));
      if ('tab' in patch) put('tab', patch.tab, 'tools');
      if ('table' in patch) put('table', patch.table, '');
      if ('view' in patch) put('view', patch.view, 'diagram');
      const q = next.toString();
      router[how](q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );

  return {
    ...view,
    setTab: useCallback((tab: EnvironmentTab) => go({ tab }, 'replace'), [go]),
    setTable: useCallback((table: string) => go({ table }, 'replace'), [go]),
    setSchemaView: useCallback((v: SchemaView) => go({ view: v }, 'replace'), [go]),
    /** From the schema to a table's rows: a new history entry, so Back returns to the schema. */
    openTable: useCallback((table: string) => go({ tab: 'data', table }, 'push'), [go]),
  };
}
