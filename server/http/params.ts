import { notFound } from '../kernel/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A route's id parameter, checked before it reaches the database (where a malformed one is a
 * failed cast, a 500): anything else is "No <what> <id>", as for an id that does not exist.
 */
export function idParam(value: string, what: string): string {
  if (!UUID.test(value)) throw notFound(`No ${what} ${value.slice(0, 80)}.`);
  return value;
}
