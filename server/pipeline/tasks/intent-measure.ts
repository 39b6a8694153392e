import { en } from '@faker-js/faker';
import { words } from '../kernel/words';
import type { GoldCall } from './model';

/**
 * What makes an intent read like a log instead of a person: a tool's name, a parameter's
 * identifier, placeholder Latin, or a value the user could not know (one the agent takes from an
 * earlier result). Pure, so the writers, the tests and the bench measure the same thing.
 */

type Call = Pick<GoldCall, 'name' | 'arguments'> & { derived?: string[] };

export type IntentProblem = { kind: 'tool_name' | 'parameter_name' | 'lorem' | 'derived_value'; text: string };

/**
 * faker's Latin placeholder words that are not also English words: "dolorem" and "stabilis" give
 * a placeholder away, "video" or "error" do not. Short words ("et", "non") are too ambiguous.
 */
const ENGLISH = new Set(
  (
    'alias apparatus arbor audio animus calculus canto charisma color comes contra corona corpus creator curriculum decor error minus ' +
    'provident quasi stella studio sublime super supra terra terror thesis thorax trans turbo ultra umbra versus video vigor villa virgo'
  ).split(' '),
);
/** Words of the names faker gives people and places: "Victoria Street" and "Carmen" are not placeholders. */
function nameWords(): Set<string> {
  const out = new Set<string>();
  const lists: unknown[] = [en.person?.first_name, en.person?.last_name, en.location?.street_suffix, en.location?.city_name, en.location?.state];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const w of v.toLowerCase().split(/[^a-z]+/)) out.add(w);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  lists.forEach(visit);
  return out;
}
const NAMES = nameWords();
export const LOREM_WORDS: ReadonlySet<string> = new Set((en.lorem?.word ?? []).filter((w) => w.length >= 5 && !ENGLISH.has(w) && !NAMES.has(w)));

/** Lower-case words of a text, with single spaces around each: " cancel my order ". */
const spaced = (text: string) => ` ${words(text).join(' ')} `;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A value inside a text, as a whole token (not "12" inside "W123", not "user_id" inside "find_user_id"). */
function containsToken(text: string, value: string): boolean {
  const escaped = escapeRegExp(value.toLowerCase());
  return new RegExp(`(^|[^a-z0-9_])${escaped}($|[^a-z0-9_])`).test(text.toLowerCase());
}

/**
 * A snake_case identifier in any casing; a camelCase one as written, hump and all: "postcode" or
 * "username" in lower case is an ordinary word (the API may be called "Postcode Service").
 */
function saysIdentifier(text: string, name: string): boolean {
  if (/[a-z0-9]_[a-z0-9]/i.test(name)) return containsToken(text, name);
  const escaped = escapeRegExp(name);
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`).test(text);
}

const isIdentifier = (name: string) => /[a-z0-9]_[a-z0-9]/i.test(name) || /[a-z][A-Z]/.test(name);

/** Every string and number inside a value. */
function scalars(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(scalars);
  if (v && typeof v === 'object') return Object.values(v).flatMap(scalars);
  return [];
}

/** Derived values shorter than this are too common to pin on the result they came from ("1", "US"). */
const MIN_DERIVED = 3;

export function intentProblems(intent: string, calls: Call[]): IntentProblem[] {
  const problems: IntentProblem[] = [];
  const add = (kind: IntentProblem['kind'], text: string) => {
    if (!problems.some((p) => p.kind === kind && p.text === text)) problems.push({ kind, text });
  };
  const text = spaced(intent);
  const known = new Set<string>();
  for (const c of calls) {
    const derived = new Set(c.derived ?? []);
    for (const [k, v] of Object.entries(c.arguments)) if (!derived.has(k)) for (const s of scalars(v)) known.add(s.toLowerCase());
  }
  // A value the user knows may itself look like an identifier (`credit_card_9513926`): not a problem.
  const outsideValues = [...known].reduce((t, v) => (v.length >= MIN_DERIVED ? t.replace(new RegExp(escapeRegExp(v), 'gi'), ' ') : t), intent);

  for (const c of calls) {
    const nameWords = words(c.name);
    // The identifier in any casing, or its words in a row when there are two or more.
    if ((isIdentifier(c.name) && containsToken(outsideValues, c.name)) || (nameWords.length >= 2 && text.includes(` ${nameWords.join(' ')} `)))
      add('tool_name', c.name);
    for (const param of Object.keys(c.arguments)) if (isIdentifier(param) && saysIdentifier(outsideValues, param)) add('parameter_name', param);
    for (const param of c.derived ?? []) {
      for (const v of scalars(c.arguments[param]))
        if (v.length >= MIN_DERIVED && !known.has(v.toLowerCase()) && containsToken(intent, v)) add('derived_value', `${param} ${v}`);
    }
  }
  for (const w of words(intent)) if (LOREM_WORDS.has(w)) add('lorem', w);
  return problems;
}

/** The problems as one line, for errors and reports. */
export function sayProblems(problems: IntentProblem[]): string {
  const label: Record<IntentProblem['kind'], string> = {
    tool_name: 'tool name',
    parameter_name: 'parameter name',
    lorem: 'placeholder word',
    derived_value: 'value the user cannot know',
  };
  return problems.map((p) => `${label[p.kind]} ${JSON.stringify(p.text)}`).join(', ');
}
