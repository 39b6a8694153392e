import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_REPLY_LIMITS, publicConfig, readConfig, withoutCredentials } from './config';

describe('readConfig', () => {
  it('defaults to PGlite in ./.studio-data on port 3000, offline, with the 128 MB page cache', () => {
    const c = readConfig({});
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.resolve('.studio-data'), cacheMb: 128 });
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

describe('limits and endpoints', () => {
  it('allows the configured endpoint origin only, unless STUDIO_LLM_ALLOWED_BASE_URLS lists others', () => {
    expect(readConfig({ STUDIO_LLM_BASE_URL: 'http://127.0.0.1:8000/v1' }).llm.allowedOrigins).toEqual(['http://127.0.0.1:8000']);
    expect(readConfig({}).llm.allowedOrigins).toEqual([]);
    expect(
      readConfig({ STUDIO_LLM_BASE_URL: 'http://127.0.0.1:8000/v1', STUDIO_LLM_ALLOWED_BASE_URLS: 'https://a.example/v1, http://b.example:9000' }).llm
        .allowedOrigins,
    ).toEqual(['https://a.example', 'http://b.example:9000']);
    expect(() => readConfig({ STUDIO_LLM_ALLOWED_BASE_URLS: 'not a url' })).toThrow(
      'Invalid configuration in the environment: STUDIO_LLM_ALLOWED_BASE_URLS: "not a url" is not a URL.',
    );
  });

  it('reads the reply and upload limits, with defaults', () => {
    const c = readConfig({});
    expect(c.llm.limits).toEqual(DEFAULT_REPLY_LIMITS);
    expect(c.uploads.maxBytes).toBe(128 * 1024 * 1024);
    const set = readConfig({ STUDIO_LLM_MAX_REPLY_BYTES: '2048', STUDIO_LLM_MAX_TRAJECTORY_TOKENS: '5000', STUDIO_UPLOAD_MAX_MB: '16' });
    expect(set.llm.limits).toMatchObject({ replyBytes: 2048, trajectoryTokens: 5000 });
    expect(set.uploads.maxBytes).toBe(16 * 1024 * 1024);
  });

  it('shows the LLM endpoint without user name, password or key-like query values', () => {
    expect(withoutCredentials('http://me:secret@llm.example:8000/v1?api-key=sk-1&model=x')).toBe('http://llm.example:8000/v1?api-key=***&model=x');
    const shown = JSON.stringify(publicConfig(readConfig({ STUDIO_LLM_BASE_URL: 'https://me:secret@llm.example/v1' })));
    expect(shown).not.toContain('secret');
    expect(shown).not.toContain('me@');
  });
});
