import { requestUserOrRefusal } from '../auth/session';
import type { Studio } from '../studio';
import type { Context } from './trpc';

/** A request's tRPC context: the studio and whoever its API key or session cookie belongs to. */
export async function createContext(studio: Studio, req: Request): Promise<Context> {
  return { studio, ...(await requestUserOrRefusal(studio.database.db, studio.config, req.headers)) };
}
