import { describe, expect, it } from 'vitest';
import { listRuns } from '../../db/queries/runs';
import { studioPerTest } from '../../testing/test-studio';
import { createCallerFactory } from '../trpc';
import { contextAs } from '../../testing/users';
import { runsRouter } from './runs';
import { systemRouter } from './system';

const runsOf = createCallerFactory(runsRouter);
const systemOf = createCallerFactory(systemRouter);
const ENDPOINT = {
  STUDIO_LLM_BASE_URL: 'http://curator:hunter2@127.0.0.1:8000/v1?api-key=sk-in-the-query',
  STUDIO_LLM_API_KEY: 'sk-very-secret',
  STUDIO_LLM_MODEL: 'm',
};

describe('LLM endpoints a run may use, and what the browser is shown of them', () => {
  const studioFor = studioPerTest('pglite');

  async function open(env: Record<string, string>) {
    const { studio, db } = await studioFor({ env, migrated: true });
    const ctx = await contextAs(studio, 'curator');
    return { runs: runsOf(ctx), system: systemOf(ctx), db };
  }

  it('refuses a per-role base URL outside the allowlist before storing a run, and shows no credentials', async () => {
    const { runs, system, db } = await open(ENDPOINT);
    const launch = (baseUrl: string) => runs.launch({ settings: { agent: { kind: 'llm', model: 'agent-model', baseUrl } } });
    await expect(launch('http://10.0.0.5:8000/v1')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'The base URL http://10.0.0.5:8000/v1 for the agent model "agent-model" is not allowed: runs may use http://127.0.0.1:8000 only; add its origin to STUDIO_LLM_ALLOWED_BASE_URLS to allow it.',
    });
    await expect(launch('http://169.254.169.254/latest/meta-data')).rejects.toThrow(/is not allowed/);
    // The configured origin itself passes the check (and then finds no tasks to roll out).
    await expect(launch('http://127.0.0.1:8000/v2')).rejects.toThrow('no tasks to roll out: sample tasks first');
    expect((await listRuns(db, {})).items).toHaveLength(0);

    const shown = await system.config();
    expect(shown.llm.baseUrl).toBe('http://127.0.0.1:8000/v1?api-key=***');
    const text = JSON.stringify(shown);
    for (const secret of ['hunter2', 'curator', 'sk-very-secret', 'sk-in-the-query']) expect(text).not.toContain(secret);
  });

  it('takes the origins listed in STUDIO_LLM_ALLOWED_BASE_URLS instead', async () => {
    const { runs } = await open({ ...ENDPOINT, STUDIO_LLM_ALLOWED_BASE_URLS: 'http://10.0.0.5:8000, https://llm.example/v1' });
    const launch = (baseUrl: string) => runs.launch({ settings: { agent: { kind: 'llm', model: 'agent-model', baseUrl } } });
    await expect(launch('http://10.0.0.5:8000/v1')).rejects.toThrow('no tasks to roll out: sample tasks first');
    await expect(launch('https://llm.example/other')).rejects.toThrow('no tasks to roll out: sample tasks first');
    await expect(launch('http://127.0.0.1:8000/v1')).rejects.toThrow(/is not allowed: runs may use http:\/\/10\.0\.0\.5:8000, https:\/\/llm\.example only/);
  });
});
