import path from 'node:path';

export const STUDIO_PORT = Number(process.env.E2E_PORT ?? 3100);
/** A second server on its own empty data folder: the stakeholder demo starts from a fresh studio. */
export const FRESH_PORT = STUDIO_PORT + 1;

/** The admin each e2e server's first visitor creates (first-run.setup.ts). */
export const ADMIN = { name: 'Ada Lovelace', email: 'ada@studio.test', password: 'analytical engine' };

/** Where a server's signed-in admin browser state is kept between the setup and the specs. */
export const authFile = (server: 'studio' | 'fresh') => path.join('test-results', 'e2e-auth', `${server}.json`);
