import { z } from 'zod';
import { addApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys';
import { forbidden } from '../../kernel/errors';
import { readProcedure, router } from '../trpc';

const noKeyFromKey = () => forbidden('Make and revoke API keys from a signed-in session, not with an API key.');

/** The signed-in person's own API keys (for MCP clients and trainers): each acts as them, with their role. */
export const keysRouter = router({
  mine: readProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.user.email)),
  /** The key is in the answer only: shown once. */
  create: readProcedure.input(z.object({ name: z.string().trim().min(1).max(100).optional() })).mutation(({ ctx, input }) => {
    if (ctx.user.viaKey) throw noKeyFromKey();
    return addApiKey(ctx.db, { email: ctx.user.email, name: input.name });
  }),
  revoke: readProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => {
    if (ctx.user.viaKey) throw noKeyFromKey();
    return revokeApiKey(ctx.db, input.id, ctx.user.id);
  }),
});
