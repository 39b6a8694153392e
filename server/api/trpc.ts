import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { UserError, type UserErrorCode } from '../kernel/errors';
import { reportFailure } from '../kernel/failure';
import { zodSentences } from '../kernel/zod-sentences';
import type { Capability } from '../../lib/auth/roles';
import { requireCapability } from '../auth/require';
import type { SessionUser } from '../auth/session';
import type { Studio } from '../studio';

/** A request's context: the studio, and who is asking (null when nobody is signed in). */
export type Context = {
  studio: Studio;
  user: SessionUser | null;
  /** A bearer key that was refused: said by any procedure that needs someone. */ refusal?: UserError;
};

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

/** Lets the procedure run only for someone whose role can do it; `ctx.user` is then that person. */
const allowed = (capability: Capability) =>
  t.middleware(({ ctx, next }) => {
    if (ctx.refusal) throw ctx.refusal;
    return next({ ctx: { user: requireCapability(ctx.user, capability) } });
  });

export const router = t.router;
/** For what anyone may ask before signing in: whether the studio needs its first admin, who is signed in. */
export const publicProcedure = t.procedure.use(errors).use(studioParts);
/** Procedure builders per role (lib/auth/roles.ts): each role can do what the ones before it can. */
export const readProcedure = publicProcedure.use(allowed('read'));
export const reviewProcedure = publicProcedure.use(allowed('review'));
export const curateProcedure = publicProcedure.use(allowed('curate'));
export const adminProcedure = publicProcedure.use(allowed('admin'));
export const createCallerFactory = t.createCallerFactory;
