import { FUNCTION_NAME } from './model';

/** Makes any label a valid function name: `GET /pets/{id}` → `get_pets_id`. */
export function toFunctionName(raw: string): string {
  let name = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name) name = 'tool';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name.slice(0, 64);
}

/**
 * Gives repeated names stable distinct suffixes in document order (`search`, `search_2`, …), never
 * colliding with a name that is already taken.
 */
export function uniqueNames(names: string[]): string[] {
  const taken = new Set(names);
  const used = new Set<string>();
  return names.map((name) => {
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
    for (let i = 2; ; i++) {
      const suffix = `_${i}`;
      const candidate = `${name.slice(0, 64 - suffix.length)}${suffix}`;
      if (!used.has(candidate) && !taken.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  });
}

export const isFunctionName = (s: string) => FUNCTION_NAME.test(s);
