import { z } from 'zod';
import { roleSchema } from '../../../lib/auth/roles';
import { addUser, createFirstAdmin, firstAdminInput, hasUsers, listUsers, newUserInput, removeUser, setUserPassword, setUserRole } from '../../auth/users';
import { adminProcedure, publicProcedure, router } from '../trpc';

export const accountRouter = router({
  /** Before anything else a page asks: is there anyone yet (else the first-run form), and who am I. */
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: !(await hasUsers(ctx.db)), user: ctx.user })),
  /** The first visitor of an empty studio becomes its admin; refused once anyone exists. */
  setup: publicProcedure.input(firstAdminInput).mutation(({ ctx, input }) => createFirstAdmin(ctx, input)),
});

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  add: adminProcedure.input(newUserInput).mutation(({ ctx, input }) => addUser(ctx, input)),
  setRole: adminProcedure.input(z.object({ id: z.uuid(), role: roleSchema })).mutation(({ ctx, input }) => setUserRole(ctx, input.id, input.role)),
  setPassword: adminProcedure
    .input(z.object({ id: z.uuid(), password: z.string().max(256) }))
    .mutation(({ ctx, input }) => setUserPassword(ctx, input.id, input.password)),
  remove: adminProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => removeUser(ctx, input.id, ctx.user)),
});
