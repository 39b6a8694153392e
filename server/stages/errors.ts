/**
 * A user's mistake found by a stage (a bad file, a missing domain), as one sentence. Routers map the
 * code to tRPC/HTTP, the CLI prints the message without a stack: it is not the studio's fault.
 */
export type StageErrorCode = 'invalid' | 'not_found' | 'conflict';

export class StageError extends Error {
  constructor(
    readonly code: StageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StageError';
  }
}

export const invalid = (message: string) => new StageError('invalid', message);
export const notFound = (message: string) => new StageError('not_found', message);
