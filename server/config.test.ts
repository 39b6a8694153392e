import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, publicConfig, readConfig } from './config';

describe('readConfig', () => {
  it('defaults to PGlite in ./.studio-data on port 3000, offline', () => {
    const c = readConfig({});
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.resolve('.studio-data') });
    expect(c.port).toBe(3000);
    expect(publicConfig(c).llm.mode).toBe('offline');
  });

  it('uses Postgres when DATABASE_URL is set and hides its password from the browser view', () => {
    const c = readConfig({ DATABASE_URL: 'postgres://me:secret@db:5432/studio', PORT: '4000' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://me:secret@db:5432/studio' });
    expect(c.port).toBe(4000);
    const shown = JSON.stringify(publicConfig(c));
    expect(shown).not.toContain('secret');
    expect(shown).toContain('postgres://me:***@db:5432/studio');
  });

  it('never shows the LLM API key', () => {
    const c = readConfig({ STUDIO_LLM_BASE_URL: 'http://127.0.0.1:8000/v1', STUDIO_LLM_API_KEY: 'sk-very-secret' });
    const shown = publicConfig(c);
    expect(JSON.stringify(shown)).not.toContain('sk-very-secret');
    expect(shown.llm).toMatchObject({ apiKey: 'set (hidden)', mode: 'endpoint' });
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
  });
});
