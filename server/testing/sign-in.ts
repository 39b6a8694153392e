import { studioAuth } from '../auth/auth';
import type { Studio } from '../studio';
import { addTestUser, TEST_PASSWORD } from './users';
import type { Role } from '../../lib/auth/roles';

export const ORIGIN = 'http://127.0.0.1:3000';

/** Signs in through Better Auth's own endpoint (what /api/auth/sign-in/email runs) and answers the session cookie. */
export async function signIn(studio: Studio, email: string, password = TEST_PASSWORD): Promise<string> {
  const auth = await studioAuth(studio.database.db, studio.config);
  const res = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
  if (!cookie) throw new Error(`sign-in of ${email} set no session cookie`);
  return cookie.split(';')[0]!;
}

/** A new account of `role`, signed in: its id and its session cookie. */
export async function signedInAs(studio: Studio, role: Role) {
  const user = await addTestUser(studio, role);
  return { user, cookie: await signIn(studio, user.email) };
}
