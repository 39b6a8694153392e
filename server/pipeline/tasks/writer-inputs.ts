import type { State } from '../kernel/state';
import { seededRandom } from '../kernel/random';
import { words } from '../kernel/words';
import type { GoldCall } from './model';

/**
 * What an LLM writer is told about a task, the same for the intent writer and the simulated user:
 * the calls with each argument marked KNOWN (the user says it) or FROM EARLIER RESULT (the agent
 * finds it), the rows of the data those values come from, and who the user is.
 */

type Call = Pick<GoldCall, 'toolId' | 'name' | 'op' | 'arguments'> & { derived?: string[] };
export type WriterContext = { descriptions?: Record<string, string>; state?: State; seed?: number };
/** `persona` describes the user to a writer ("The customer, Ada Lovelace, is …"); `you` to the simulated user ("You are Ada Lovelace; you are …"). */
export type WriterInputs = { calls: string; data: string; persona: string; you: string };

/** Rows quoted, and characters per row: enough to see the user's record, not the database. */
const MAX_ROWS = 4;
const MAX_ROW_CHARS = 600;

const TEMPERAMENTS = [
  'polite and to the point',
  'friendly and a little chatty, but stays on topic',
  'in a hurry and gives short answers',
  'careful, and checks details before agreeing',
  'calm, and answers exactly what is asked',
];

export function writerInputs(calls: Call[], ctx: WriterContext = {}): WriterInputs {
  const p = persona(calls, ctx);
  return {
    calls: callLines(calls, ctx),
    data: dataRows(calls, ctx.state),
    persona: `The customer${p.name ? `, ${p.name},` : ''} is ${p.temperament}.`,
    you: `You are ${p.name ? `${p.name}, a customer` : 'a customer'}: ${p.temperament
      .replace(/\bstays\b/, 'stay')
      .replace(/\bgives\b/, 'give')
      .replace(/\bchecks\b/, 'check')
      .replace(/\banswers\b/, 'answer')}.`,
  };
}

function callLines(calls: Call[], ctx: WriterContext): string {
  return calls
    .map((c, i) => {
      const derived = new Set(c.derived ?? []);
      const args = Object.entries(c.arguments).map(([k, v]) => `   - ${k} = ${JSON.stringify(v)} (${derived.has(k) ? 'FROM EARLIER RESULT' : 'KNOWN'})`);
      const description = ctx.descriptions?.[c.toolId]?.trim().split('\n')[0]?.slice(0, 300);
      return [`${i + 1}. ${c.name} (${c.op === 'write' ? 'changes data' : 'reads data'})${description ? ` — ${description}` : ''}`, ...args].join('\n');
    })
    .join('\n');
}

/** The rows holding a known value (the user with that email, the order with that number), as JSON. */
function dataRows(calls: Call[], state: State | undefined): string {
  if (!state) return '';
  const values = new Set<string>();
  for (const c of calls) {
    const derived = new Set(c.derived ?? []);
    for (const [k, v] of Object.entries(c.arguments))
      if (!derived.has(k) && (typeof v === 'string' || typeof v === 'number') && String(v).length >= 3) values.add(String(v));
  }
  const rows: string[] = [];
  for (const [table, byKey] of Object.entries(state)) {
    for (const [key, row] of Object.entries(byKey)) {
      if (rows.length >= MAX_ROWS) break;
      const scalars = Object.values(row)
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .map(String);
      if (values.has(key) || scalars.some((v) => values.has(v))) {
        const json = JSON.stringify(row);
        rows.push(`- ${table} ${key}: ${json.length > MAX_ROW_CHARS ? `${json.slice(0, MAX_ROW_CHARS)}…` : json}`);
      }
    }
  }
  return rows.join('\n');
}

/** Who the user is: their name where a call gives it, and a temperament drawn from the seed. */
function persona(calls: Call[], ctx: WriterContext): { name: string | null; temperament: string } {
  const random = seededRandom(ctx.seed ?? seedOf(calls));
  return { name: userName(calls), temperament: TEMPERAMENTS[Math.floor(random() * TEMPERAMENTS.length)]! };
}

function userName(calls: Call[]): string | null {
  for (const c of calls) {
    const derived = new Set(c.derived ?? []);
    const known = Object.entries(c.arguments).filter(([k, v]) => !derived.has(k) && typeof v === 'string');
    const find = (tail: string) => known.find(([k]) => words(k).join(' ').endsWith(tail))?.[1] as string | undefined;
    const first = find('first name');
    const last = find('last name');
    if (first && last) return `${first} ${last}`;
  }
  return null;
}

/** A seed from the calls' names and arguments (FNV-1a): the same task always reads the same. */
export function seedOf(calls: Array<Pick<Call, 'name' | 'arguments'>>): number {
  const text = calls.map((c) => `${c.name}${JSON.stringify(c.arguments)}`).join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
