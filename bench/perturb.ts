import type { GraphTool } from '../server/pipeline/graph/model';
import { words } from '../server/pipeline/kernel/words';

const SYNONYMS: Record<string, string> = {
  get: 'fetch',
  fetch: 'retrieve',
  retrieve: 'get',
  list: 'enumerate',
  search: 'lookup',
  find: 'search',
  create: 'add',
  add: 'create',
  delete: 'remove',
  remove: 'delete',
  update: 'modify',
  modify: 'update',
  returns: 'gives',
  information: 'details',
  details: 'info',
  specified: 'given',
  user: 'account',
  data: 'records',
};
const SUFFIXES = ['alt', 'pro', 'lite', 'plus', 'next', 'beta', 'extra', 'core', 'prime', 'edge'];
const EXTRA_WORDS = (
  'quickly reliably securely globally simply instantly safely easily fully partly daily hourly live cached ' +
  'official public private legacy modern basic advanced premium standard custom'
).split(' ');

/**
 * A copy of a real tool that is not an exact duplicate: the name's words with synonyms swapped in
 * and a suffix word, the description with synonyms swapped and one extra word. Parameters stay as
 * they are, as they would in a catalogue listing the same API twice under other names.
 */
export function perturb(t: GraphTool, id: string, rng: () => number): GraphTool {
  const swap = (w: string) => (rng() < 0.5 ? (SYNONYMS[w.toLowerCase()] ?? w) : w);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)]!;
  const name = [...words(t.name).map(swap), pick(SUFFIXES)].join('_');
  const prose = t.description.split(/\s+/).filter(Boolean).map(swap);
  prose.splice(Math.floor(rng() * (prose.length + 1)), 0, pick(EXTRA_WORDS));
  return { ...t, id, name, description: prose.join(' ') };
}
