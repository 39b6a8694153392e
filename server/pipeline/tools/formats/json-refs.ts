import { isRecord } from '../finalize';

/** A `$ref` that cannot be followed; `at` is the JSON pointer of the object that holds it. */
export class RefError extends Error {
  constructor(
    readonly ref: string,
    readonly at: string,
    message: string,
  ) {
    super(message);
    this.name = 'RefError';
  }
}

/** Keys whose values are data (examples, defaults), not schemas: a "$ref" inside them is literal. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-examples']);

/** Nodes one tool's parameters may expand to; beyond it a schema is cut with a note, not inlined. */
export const PARAMETER_BUDGET = 20_000;
export const MAX_DEPTH = 24;
/** Keys whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

export const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (...keys: Array<string | number>) => keys.map((k) => `/${escapePointer(String(k))}`).join('');

/**
 * Resolves local `$ref`s (`#/components/schemas/Pet`) inside one document. Schemas are inlined so a
 * tool carries its whole parameter schema; a reference back into itself is cut (recursive schemas
 * must not hang), and an expansion larger than the budget is cut too, with a note in `cuts`.
 */
export class RefResolver {
  /** What was cut while inlining since the last `reset()`. */
  cuts: string[] = [];
  private nodes = 0;
  private budget = PARAMETER_BUDGET;
  private maxDepth = MAX_DEPTH;

  constructor(private readonly root: unknown) {}

  /** Starts a new expansion with its own bounds: at most `budget` nodes, nested at most `maxDepth` keys deep. */
  reset(budget = PARAMETER_BUDGET, maxDepth = MAX_DEPTH) {
    this.cuts = [];
    this.nodes = 0;
    this.budget = budget;
    this.maxDepth = maxDepth;
  }

  /** The value a `$ref` points at (following chains of refs); throws RefError when it does not resolve. */
  follow(node: unknown, at: string): { value: unknown; at: string } {
    const seen = new Set<string>();
    let current = node;
    let where = at;
    while (isRecord(current) && typeof current.$ref === 'string') {
      const ref = current.$ref;
      if (seen.has(ref)) throw new RefError(ref, where, `$ref "${ref}" at ${where || '/'} refers to itself in a loop`);
      seen.add(ref);
      current = this.lookup(ref, where);
      where = ref.slice(1);
    }
    return { value: current, at: where };
  }

  /** A schema with every `$ref` replaced by what it points at. */
  inline(schema: unknown, at: string): unknown {
    return this.walk(schema, at, [], 0);
  }

  private walk(node: unknown, at: string, stack: string[], depth: number): unknown {
    if (Array.isArray(node)) return node.map((item, i) => this.walk(item, `${at}/${i}`, stack, depth + 1));
    if (!isRecord(node)) return node;
    if (++this.nodes > this.budget || depth > this.maxDepth) {
      this.cuts.push(at);
      return { type: typeof node.type === 'string' ? node.type : 'object', description: 'not expanded: schema too large' };
    }
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      const { $ref: _, ...siblings } = node;
      if (stack.includes(ref)) {
        const target = this.lookup(ref, at);
        const name = ref.split('/').pop();
        return {
          type: isRecord(target) && typeof target.type === 'string' ? target.type : 'object',
          description: `recursive: a ${name} (not expanded again)`,
          ...siblings,
        };
      }
      const target = this.walk(this.lookup(ref, at), ref.slice(1), [...stack, ref], depth + 1);
      // OpenAPI 3.1 lets a $ref carry siblings (a description that overrides the target's).
      return Object.keys(siblings).length && isRecord(target) ? { ...target, ...(this.walk(siblings, at, stack, depth) as object) } : target;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${escapePointer(key)}`;
      if (DATA_KEYS.has(key)) out[key] = value;
      // A map of names to schemas is no schema: a cut must replace each schema in it, never the
      // map itself (that would read as properties named `type` and `description`).
      else if (SCHEMA_MAPS.has(key) && isRecord(value))
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, child]) => [name, this.walk(child, `${here}/${escapePointer(name)}`, stack, depth + 1)]),
        );
      else out[key] = this.walk(value, here, stack, depth + 1);
    }
    return out;
  }

  private lookup(ref: string, at: string): unknown {
    if (!ref.startsWith('#'))
      throw new RefError(ref, at, `$ref "${ref}" at ${at || '/'} points outside this document: bundle the references into one file first`);
    let value: unknown = this.root;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined) throw new RefError(ref, at, `$ref "${ref}" at ${at || '/'} does not resolve: nothing at that path`);
    }
    return value;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
