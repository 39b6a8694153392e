'use client';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { EnvironmentSchema, ToolCheck } from '@/server/pipeline/environment/model';
import { useTRPCClient } from '../trpc';

/** How long typing must pause before the edit is checked. */
export const LIVE_CHECK_DELAY_MS = 600;

export type LiveCheck = { status: 'saved' } | { status: 'checking' } | { status: 'done'; check: ToolCheck } | { status: 'error'; message: string };

/**
 * The tool being edited, validated in the sandbox as saving would validate it, once typing pauses.
 * Only the answer for the text now in the editor is shown: an answer for older text (typing went
 * on while it ran) is dropped, and the status says "checking" until the current text's arrives.
 */
export function useLiveCheck({
  domainId,
  tool,
  code,
  saved,
  schema,
}: {
  domainId: string;
  tool: string;
  code: string;
  saved: string;
  schema: EnvironmentSchema | null;
}): LiveCheck {
  const client = useTRPCClient();
  const unchanged = code === saved && !schema;
  // Tool, code and schema debounced as one: switching tools must not check one tool with another's code.
  const key = `${tool}\u0000${code}\u0000${schema ? JSON.stringify(schema) : ''}`;
  const [settled] = useDebouncedValue(key, LIVE_CHECK_DELAY_MS);
  const [answer, setAnswer] = useState<{ key: string; result: LiveCheck } | null>(null);
  const current = useRef(key);
  // eslint-disable-next-line react-hooks/refs -- latest-key ref: written on render, read only when a check answers, to drop stale answers
  current.current = key;

  useEffect(() => {
    // Typing went on since (the next pause checks), or there is nothing unsaved to check.
    if (settled !== current.current || unchanged) return;
    client.environments.checkTool
      .mutate({ domainId, tool, code, schema: schema ?? undefined })
      .then(
        (check) => ({ status: 'done', check }) as const,
        (e: unknown) => ({ status: 'error', message: failure(e) }) as const,
      )
      .then((result) => {
        if (current.current === settled) setAnswer({ key: settled, result });
      });
    // Runs once per settled text; the values it sends are the ones that text was made of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, domainId, settled]);

  if (unchanged) return { status: 'saved' };
  return answer?.key === key ? answer.result : { status: 'checking' };
}

/** A refused check as a sentence: an edited schema that does not fit is named by its first problem. */
function failure(e: unknown): string {
  const issues = (e as { data?: { zodIssues?: Array<{ path: PropertyKey[]; message: string }> | null } }).data?.zodIssues;
  const first = issues?.[0];
  if (first)
    return `The edited schema does not fit at ${first.path.map(String).join('.') || 'its top level'}: ${first.message}. The check runs again once it does.`;
  return e instanceof Error ? e.message : String(e);
}
