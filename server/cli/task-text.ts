import type { ReadableCall } from '../stages/tasks';

/** Results longer than this are cut in human output (`--json` has them whole). */
const MAX_RESULT = 200;

type Block = { id: string; domainName?: string; readOnly?: boolean; split?: string; intent: string; calls: ReadableCall[] };

const cut = (text: string) => (text.length > MAX_RESULT ? `${text.slice(0, MAX_RESULT - 1)}…` : text);

/** One block per task: its id and domain, the intent, then each call with its arguments and result. */
export function taskBlocks(tasks: Block[]): string {
  return tasks
    .map((t) => {
      const about = [
        t.domainName,
        `${t.calls.length} call${t.calls.length === 1 ? '' : 's'}`,
        t.readOnly === undefined ? null : t.readOnly ? 'read-only' : 'writes',
        t.split === 'heldout' ? 'held out' : null,
      ]
        .filter(Boolean)
        .join(', ');
      const calls = t.calls.map((c, i) => `  ${i + 1}. ${c.name} ${JSON.stringify(c.arguments)}\n     → ${cut(JSON.stringify(c.result) ?? 'null')}`);
      return [`task ${t.id} (${about})`, `  ${t.intent}`, ...calls].join('\n');
    })
    .join('\n\n');
}
