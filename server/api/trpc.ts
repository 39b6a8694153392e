import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { UserError, type UserErrorCode } from '../kernel/errors';
import { reportFailure } from '../kernel/failure';
import { zodSentences } from '../kernel/zod-sentences';
import type { Studio } from '../studio';

export type Context = { studio: Studio };

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Invalid input is said in sentences ("name must be at most 200 characters."), not as zod's
    // JSON; the issues stay in `data` for forms that mark the fields.
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zod ? `Invalid request: ${zodSentences(zod.issues)}` : shape.message,
      data: { ...shape.data, zodIssues: zod ? zod.issues : null },
    };
  },
});

const TRPC_CODE: Record<UserErrorCode, TRPCError['code']> = {
  invalid: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  too_large: 'PAYLOAD_TOO_LARGE',
};

/**
 * The one place errors are mapped: a UserError thrown anywhere below becomes the tRPC error of its
 * code with its sentence; anything unexpected is logged under an id and answered with that id only.
 */
const errors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const error = result.error;
  const cause = error.cause;
  if (cause instanceof UserError) throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  if (error.code === 'INTERNAL_SERVER_ERROR') throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: reportFailure(cause ?? error, path) });
  return result;
});

/** What procedures use of the studio, named once: `ctx.db`, `ctx.jobs`, `ctx.config`. */
const studioParts = t.middleware(({ ctx, next }) => next({ ctx: { db: ctx.studio.database.db, jobs: ctx.studio.jobs, config: ctx.studio.config } }));

export const router = t.router;
export const publicProcedure = t.procedure.use(errors).use(studioParts);
export const createCallerFactory = t.createCallerFactory;
