/**
 * A mistake the user can fix (a bad file, a missing domain, a stale view), as one sentence. Thrown
 * anywhere: the tRPC middleware and the HTTP routes map the code to a status once
 * (server/api/trpc.ts, server/http/error-response.ts), the CLI prints the message without a stack.
 * Anything else that escapes is the studio's fault: logged with an id, shown only as that id.
 * Dependency-free so that every layer, the pipeline included, can throw it.
 */
export type UserErrorCode = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'too_large';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const invalid = (message: string) => new UserError('invalid', message);
export const notFound = (message: string) => new UserError('not_found', message);
export const conflict = (message: string) => new UserError('conflict', message);
export const forbidden = (message: string) => new UserError('forbidden', message);

export const HTTP_STATUS: Record<UserErrorCode, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413 };
