import { randomBytes } from 'node:crypto';

/**
 * An unexpected error (the studio's fault, not the user's): logged in full under a short id, and
 * described to the user by that id alone, so no SQL, stack or path reaches a browser.
 */
export function reportFailure(e: unknown, where: string): string {
  const id = randomBytes(4).toString('hex');
  console.error(`[failure ${id}] ${where}:`, e);
  return `Something failed on the server (id ${id}); its log has the details.`;
}
