import { TRPCError } from '@trpc/server';
import { StageError, type StageErrorCode } from '../stages/errors';

const CODE: Record<StageErrorCode, TRPCError['code']> = { invalid: 'BAD_REQUEST', not_found: 'NOT_FOUND', conflict: 'CONFLICT' };

/** Runs a stage for a procedure: a user's mistake the stage names (StageError) becomes the 4xx it is, with its sentence. */
export async function stage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof StageError) throw new TRPCError({ code: CODE[e.code], message: e.message, cause: e });
    throw e;
  }
}
