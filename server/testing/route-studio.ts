import type { Studio } from '../studio';

// The key getStudio() keeps the web server's studio under (server/studio.ts).
const KEY = Symbol.for('environment-studio.studio');

/** For tests of app/api route handlers: the routes' getStudio() answers with this test's studio until `release` is called. */
export function serveStudioToRoutes(studio: Studio): { release(): void } {
  const g = globalThis as Record<symbol, unknown>;
  g[KEY] = Promise.resolve(studio);
  return { release: () => void delete g[KEY] };
}
