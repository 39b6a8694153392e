/**
 * The studio's tables, one file per feature; code imports them from here, and drizzle-kit reads
 * them from here. Large JSON lives in jsonb; every list is paginated by key. A table comes with the
 * feature that needs it, each with its migration (drizzle/).
 */

export * from './collections';
export * from './jobs';
export * from './graph';
export * from './environments';
export * from './tasks';
export * from './runs';
export * from './evaluations';
export * from './reviews';
export * from './exports';
export * from './auth';
