import type { Faker } from '@faker-js/faker';

/**
 * Strings from a JSON Schema `pattern`: APIs constrain ids and codes with regular expressions
 * (Discord's snowflakes `^(0|[1-9][0-9]*)$`, hex colours `^#[0-9a-f]{6}$`), and a value that breaks
 * them is refused before any code runs. Only the common subset is understood (literals, classes,
 * `\d \w \s .`, groups, alternation, quantifiers); anything else (look-arounds, back-references)
 * gives null rather than a guess. Every output is checked against the real RegExp, and repetition is
 * capped, so a pattern can never make generation loop or grow without bound.
 */

type Node =
  { kind: 'chars'; set: string } | { kind: 'seq'; items: Node[] } | { kind: 'alt'; options: Node[] } | { kind: 'repeat'; node: Node; min: number; max: number };

/** Most extra repetitions an open quantifier (`*`, `+`, `{2,}`) adds. */
const OPEN_REPEAT = 6;
/** Longest string generated; longer ones are refused. */
const MAX_LENGTH = 512;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const DIGITS = '0123456789';
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
const SPACE = ' ';

class Unsupported extends Error {}

function parse(source: string): Node {
  let i = 0;
  const peek = () => source[i];
  const escapeSet = (c: string): string => {
    if (c === 'd') return DIGITS;
    if (c === 'w') return WORD;
    if (c === 's') return SPACE;
    if (c === 'D' || c === 'W' || c === 'S' || c === 'b' || c === 'B' || /[1-9]/.test(c)) throw new Unsupported(c);
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'u' || c === 'x' || c === 'p' || c === 'P') throw new Unsupported(c);
    return c;
  };
  const klass = (): Node => {
    i++; // [
    let negate = false;
    if (peek() === '^') {
      negate = true;
      i++;
    }
    let set = '';
    let first = true;
    while (i < source.length && (peek() !== ']' || first)) {
      first = false;
      let c = source[i++]!;
      let chars = c;
      if (c === '\\') {
        c = source[i++] ?? '';
        chars = escapeSet(c);
      }
      if (peek() === '-' && source[i + 1] !== ']' && source[i + 1] !== undefined && chars.length === 1) {
        i++;
        let end = source[i++]!;
        if (end === '\\') end = escapeSet(source[i++] ?? '');
        if (end.length !== 1 || end < chars) throw new Unsupported('range');
        for (let code = chars.charCodeAt(0); code <= end.charCodeAt(0); code++) set += String.fromCharCode(code);
      } else set += chars;
    }
    if (peek() !== ']') throw new Unsupported('unclosed class');
    i++;
    if (negate) set = [...PRINTABLE].filter((ch) => !set.includes(ch)).join('');
    if (!set) throw new Unsupported('empty class');
    return { kind: 'chars', set };
  };
  const atom = (): Node => {
    const c = peek()!;
    if (c === '(') {
      i++;
      if (peek() === '?') {
        if (source[i + 1] !== ':') throw new Unsupported('group kind');
        i += 2;
      }
      const inner = alternation();
      if (peek() !== ')') throw new Unsupported('unclosed group');
      i++;
      return inner;
    }
    if (c === '[') return klass();
    i++;
    if (c === '.') return { kind: 'chars', set: PRINTABLE };
    if (c === '\\') return { kind: 'chars', set: escapeSet(source[i++] ?? '') };
    if (c === '^' || c === '$') return { kind: 'seq', items: [] }; // anchors: the whole string is generated anyway
    return { kind: 'chars', set: c };
  };
  const quantified = (): Node => {
    const node = atom();
    const c = peek();
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, OPEN_REPEAT];
    else if (c === '+') [min, max] = [1, 1 + OPEN_REPEAT];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return node;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + OPEN_REPEAT;
      i += m[0].length - 1;
    } else return node;
    i++;
    if (peek() === '?' || peek() === '+') i++; // lazy or possessive: same strings
    if (min > MAX_LENGTH) throw new Unsupported('too long');
    return { kind: 'repeat', node, min, max: Math.min(max, Math.max(min, MAX_LENGTH)) };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') items.push(quantified());
    return { kind: 'seq', items };
  };
  function alternation(): Node {
    const options = [sequence()];
    while (peek() === '|') {
      i++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }
  const tree = alternation();
  if (i !== source.length) throw new Unsupported('trailing');
  return tree;
}

function generate(node: Node, f: Faker, out: string[], budget: { left: number }): void {
  if (--budget.left < 0) throw new Unsupported('too big');
  switch (node.kind) {
    case 'chars':
      out.push(node.set[f.number.int({ min: 0, max: node.set.length - 1 })]!);
      return;
    case 'seq':
      for (const item of node.items) generate(item, f, out, budget);
      return;
    case 'alt':
      generate(f.helpers.arrayElement(node.options), f, out, budget);
      return;
    case 'repeat': {
      // Open ranges lean short: an id or a code, not a wall of text.
      const n = f.number.int({ min: node.min, max: Math.min(node.max, node.min + OPEN_REPEAT) });
      for (let k = 0; k < n; k++) generate(node.node, f, out, budget);
    }
  }
}

const parsed = new Map<string, { tree: Node; re: RegExp } | null>();

function compile(pattern: string): { tree: Node; re: RegExp } | null {
  if (parsed.has(pattern)) return parsed.get(pattern)!;
  let out: { tree: Node; re: RegExp } | null;
  try {
    out = { tree: parse(pattern), re: new RegExp(pattern, 'u') };
  } catch {
    out = null;
  }
  parsed.set(pattern, out);
  return out;
}

/** Whether `pattern` is one this module can generate for (and a valid RegExp at all). */
export function canGenerate(pattern: string): boolean {
  return compile(pattern) !== null;
}

/** Whether a value matches a pattern as JSON Schema reads it (unanchored search); false for a broken pattern. */
export function matchesPattern(value: string, pattern: string): boolean {
  let re = regexes.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    regexes.set(pattern, re);
  }
  return !!re && re.test(value);
}
const regexes = new Map<string, RegExp | null>();

/** A string matching `pattern`, or null when the pattern is beyond this generator. At most a few tries. */
export function fromPattern(f: Faker, pattern: string): string | null {
  const c = compile(pattern);
  if (!c) return null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const out: string[] = [];
    try {
      generate(c.tree, f, out, { left: MAX_LENGTH * 4 });
    } catch {
      return null;
    }
    const s = out.join('');
    if (s.length <= MAX_LENGTH && c.re.test(s)) return s;
  }
  return null;
}
