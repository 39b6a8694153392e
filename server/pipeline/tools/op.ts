import { words } from '../kernel/words';
import type { ToolOp } from './model';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const WRITE_VERBS = new Set(
  (
    'add append apply approve archive assign block book buy cancel change charge clear close confirm create delete deposit dispute disable edit enable escalate ' +
    'exchange grant insert invite issue join leave lock mark merge modify move open order pay place post publish purchase put ' +
    'refund register reject remove rename reorder replace reply reserve reset respond restore return revoke save schedule send set share start stop ' +
    'submit subscribe swap toggle transfer unblock unlock unsubscribe update upgrade upload upsert withdraw write'
  ).split(' '),
);
const READ_VERBS = new Set(
  (
    'calculate check compare compute convert count describe detect download estimate explain fetch find get lookup list query ' +
    'read recommend retrieve search show suggest summarize think translate validate verify view'
  ).split(' '),
);

/** A verb the studio knows for reads or writes ("get", "cancel"); used to find the noun after it. */
export const isVerb = (word: string): boolean => WRITE_VERBS.has(word) || READ_VERBS.has(word);

/**
 * Read or write, with the reason: the HTTP method where there is one, otherwise the verb the name
 * starts with, otherwise the first verb of the description. Unknown means read: a wrong "read" is
 * caught later by validation (the state changed), a wrong "write" is not.
 */
export function classifyOp(tool: { name: string; description?: string; method?: string }): { op: ToolOp; reason: string } {
  const method = tool.method?.toUpperCase();
  if (method && READ_METHODS.has(method)) return { op: 'read', reason: `HTTP ${method}` };
  if (method && WRITE_METHODS.has(method)) return { op: 'write', reason: `HTTP ${method}` };

  const nameWords = words(tool.name);
  const first = nameWords[0];
  if (first && WRITE_VERBS.has(first)) return { op: 'write', reason: `name starts with "${first}"` };
  if (first && READ_VERBS.has(first)) return { op: 'read', reason: `name starts with "${first}"` };
  // A namespace before the verb (`bank_block_card`, `shopGetOrder`) is common in collections.
  const second = nameWords[1];
  if (second && WRITE_VERBS.has(second)) return { op: 'write', reason: `name's verb "${second}", after "${first}"` };
  if (second && READ_VERBS.has(second)) return { op: 'read', reason: `name's verb "${second}", after "${first}"` };

  // Only the description's first word: later words are as often nouns ("the order", "a book").
  const lead = verbOf(words(tool.description ?? '')[0] ?? '');
  // "Returns the forecast" describes an answer, not a return of goods.
  if (lead === 'return') return { op: 'read', reason: 'description starts with "returns"' };
  if (WRITE_VERBS.has(lead)) return { op: 'write', reason: `description starts with "${lead}"` };
  if (READ_VERBS.has(lead)) return { op: 'read', reason: `description starts with "${lead}"` };
  return { op: 'read', reason: 'no write verb in name or description: read by default' };
}

/** "Creates" → "create", "Fetches" → "fetch": descriptions speak in the third person. */
function verbOf(word: string): string {
  if (WRITE_VERBS.has(word) || READ_VERBS.has(word)) return word;
  for (const cut of [word.replace(/es$/, ''), word.replace(/s$/, '')]) {
    if (WRITE_VERBS.has(cut) || READ_VERBS.has(cut)) return cut;
  }
  return word;
}
