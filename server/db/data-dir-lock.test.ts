import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('acquireDataDirLock', () => {
  it('refuses a second holder while the first is alive, and names it', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'first');
    // Same process asking twice is a bug in the caller; a live foreign pid is the real case below.
    fs.writeFileSync(lock.path, JSON.stringify({ pid: process.ppid, host: os.hostname(), command: 'next start', since: 'now' }));
    let error: unknown;
    try {
      acquireDataDirLock(dir, 'second');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect(String((error as Error).message)).toMatch(new RegExp(`in use by process ${process.ppid} \\(next start`));
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    fs.writeFileSync(path.join(dir, 'studio.lock'), JSON.stringify({ pid: deadPid, host: os.hostname(), command: 'x', since: 'then' }));
    const lock = acquireDataDirLock(dir, 'me');
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(false);
  });
});
