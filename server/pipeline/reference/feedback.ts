import type { ReferenceFeedback } from '../environment/llm-generator';
import type { RowDiff } from './format';
import type { FidelityScore } from './score';

/** How many characters of an output or a row a disagreement quotes. */
const QUOTE = 160;

const quote = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v ?? null);
  return s.length > QUOTE ? `${s.slice(0, QUOTE)}…` : s;
};

function rows(diff: RowDiff[]): string {
  if (diff.length === 0) return 'nothing';
  return diff
    .slice(0, 4)
    .map((d) => `${d.table}/${d.key} (${d.change === 'changed' ? Object.keys(d.fields ?? {}).join(', ') : d.change})`)
    .join('; ');
}

/**
 * A fidelity score as the LLM generator's repair loop reads it: one number to rank rounds by, and
 * each disagreement as a sentence naming the call, what the real API did and what the code did.
 */
export function referenceFeedback(score: FidelityScore): ReferenceFeedback {
  const measures = [score.calls, score.reads, score.rows];
  const disagreements = [
    ...score.disagreements.calls.map((c) => {
      const real = c.real.ok ? `answered ${quote(c.real.output)}` : `refused with ${quote(c.real.output)}`;
      const sim = c.simulated.ok ? `answered ${quote(c.simulated.output)}` : `refused with ${quote(c.simulated.error)}`;
      return `${c.name}(${quote(c.arguments)}): the real API ${real}; yours ${sim}`;
    }),
    ...score.disagreements.tasks.map((t) => `task ${String(t.task)}: the real calls change ${rows(t.real)}; yours change ${rows(t.simulated)}`),
  ];
  return {
    agree: measures.reduce((n, m) => n + m.agree, 0),
    total: measures.reduce((n, m) => n + m.total, 0),
    summary: `calls ${score.calls.agree}/${score.calls.total}, reads ${score.reads.agree}/${score.reads.total}, rows ${score.rows.agree}/${score.rows.total}`,
    disagreements,
  };
}
