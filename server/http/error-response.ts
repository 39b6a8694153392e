import { ZodError } from 'zod';
import { HTTP_STATUS, UserError } from '../kernel/errors';
import { zodSentences } from '../kernel/zod-sentences';
import { reportFailure } from '../kernel/failure';
import { BodyTooLargeError } from './read-body';

/**
 * A route's answer to what it threw: a user's mistake as its status and sentence, anything else as
 * a 500 that names only the id it was logged under.
 */
export function errorResponse(e: unknown, where = 'route'): Response {
  if (e instanceof UserError) return Response.json({ error: e.message }, { status: HTTP_STATUS[e.code] });
  // A body a service checked with zod: said as tRPC says it (server/api/trpc.ts).
  if (e instanceof ZodError) return Response.json({ error: `Invalid request: ${zodSentences(e.issues)}` }, { status: 400 });
  if (e instanceof BodyTooLargeError) return Response.json({ error: e.message }, { status: 413 });
  return Response.json({ error: reportFailure(e, where) }, { status: 500 });
}

/** A route handler whose every throw becomes errorResponse: one error model for all of /api. */
export function withErrorHandling<A extends unknown[]>(where: string, handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      return errorResponse(e, where);
    }
  };
}
