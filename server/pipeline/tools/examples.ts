import { MAX_EXAMPLE_BYTES, MAX_TOOL_EXAMPLES, type ToolExample } from './model';

/**
 * Documented responses can be huge (a page of 100 messages, a base64 image). An example is evidence
 * of shape and realistic values, so it is shrunk rather than cut mid-JSON: long lists keep their
 * first items, long strings their start, deep nesting its top. Tried from gentle to harsh until
 * it fits; an example that fits at no level is dropped.
 */
const LEVELS = [
  { items: 5, chars: 500, keys: 60, depth: 8 },
  { items: 2, chars: 200, keys: 30, depth: 6 },
  { items: 1, chars: 80, keys: 15, depth: 4 },
];
type Level = (typeof LEVELS)[number];

function shrink(value: unknown, level: Level, depth = 0): unknown {
  if (typeof value === 'string') return value.length > level.chars ? `${value.slice(0, level.chars)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= level.depth) return Array.isArray(value) ? [] : {};
  if (Array.isArray(value)) return value.slice(0, level.items).map((v) => shrink(v, level, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, level.keys)
      .map(([k, v]) => [k, shrink(v, level, depth + 1)]),
  );
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');

/** One example made small enough to keep, or null when it has no value or cannot be. */
export function shrinkExample(example: ToolExample): ToolExample | null {
  if (example.value === undefined) return null;
  if (bytes(example) <= MAX_EXAMPLE_BYTES) return example;
  for (const level of LEVELS) {
    const small = { ...example, value: shrink(example.value, level) };
    if (bytes(small) <= MAX_EXAMPLE_BYTES) return small;
  }
  return null;
}

/** At most MAX_TOOL_EXAMPLES distinct examples, in the order given (importers put success first). */
export function capExamples(examples: ToolExample[] | undefined): ToolExample[] {
  const out: ToolExample[] = [];
  const seen = new Set<string>();
  for (const e of examples ?? []) {
    if (out.length >= MAX_TOOL_EXAMPLES) break;
    const small = shrinkExample(e);
    const key = small && JSON.stringify(small.value);
    if (!small || seen.has(key!)) continue;
    seen.add(key!);
    out.push(small);
  }
  return out;
}
