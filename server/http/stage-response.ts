import { StageError } from '../stages/errors';
import { BodyTooLargeError } from './read-body';

const STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;

/** A route's answer to what its stage threw: a user's mistake as its status and sentence, anything else as a 500 without internals. */
export function errorResponse(e: unknown): Response {
  if (e instanceof StageError) return Response.json({ error: e.message }, { status: STATUS[e.code] });
  if (e instanceof BodyTooLargeError) return Response.json({ error: e.message }, { status: 413 });
  console.error(e);
  return Response.json({ error: 'The studio failed to handle this request; its log says why.' }, { status: 500 });
}
