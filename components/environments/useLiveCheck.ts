'use client';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { EnvironmentSchema, ToolCheck } from '@/server/pipeline/environment/model';
import { useTRPCClient } from '../trpc';

/** How long typing must pause before the edit is checked. */
export const LIVE_CHECK_DELAY_MS = 600;

export type LiveCheck =
  | { status: 'saved' }
  | { status: 'checking' }
  | { status: 'done'; check: ToolCheck }
  | { status: 'error'; message: string };

/**
 * The tool being edited, validated in the sandbox as saving would validate it, once typing pauses.
 * Only the answer for the text now in the editor is shown: an answer for older text (typing went
 * on while it ran) is dropped, and the status says "checking" until the current text's arrives.
 */
export function useLiveCheck({ domainId, tool, code, saved, schema }: { domainId: string; tool: string; code: string; saved: string; schema: EnvironmentSchema | null }): LiveCheck {
  const client = useTRPCClient();
  const [debounced] = useDebouncedValue(code, LIVE_CHECK_DELAY_MS);
  const [answer, setAnswer] = useState<{ key: string; result: LiveCheck } | null>(null);
  const schemaKey = schema ? JSON.stringify(schema) : '';
  const latestKey = useRef('');
  const key = `${tool}\u0000${code}\u0000${schemaKey}`;
  latestKey.current = key;

  useEffect(() => {
    if (debounced === saved && !schema) return;
    const asked = `${tool}\u0000${debounced}\u0000${schemaKey}`;
    let live = true;
    client.environments.checkTool
      .mutate({ domainId, tool, code: debounced, schema: schema ?? undefined })
      .then((check) => ({ status: 'done', check }) as const, (e: unknown) => ({ status: 'error', message: failure(e) }) as const)
      .then((result) => {
        if (live && latestKey.current === asked) setAnswer({ key: asked, result });
      });
    return () => {
      live = false;
    };
    // The schema is compared by its text: a re-parsed but equal draft is not a new check.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, domainId, tool, debounced, saved, schemaKey]);

  if (code === saved && !schema) return { status: 'saved' };
  return answer?.key === key ? answer.result : { status: 'checking' };
}

/** A refused check as a sentence: an edited schema that does not fit is named by its first problem. */
function failure(e: unknown): string {
  const issues = (e as { data?: { zodIssues?: Array<{ path: PropertyKey[]; message: string }> | null } }).data?.zodIssues;
  const first = issues?.[0];
  if (first) return `The edited schema does not fit at ${first.path.map(String).join('.') || 'its top level'}: ${first.message}. The check runs again once it does.`;
  return e instanceof Error ? e.message : String(e);
}
