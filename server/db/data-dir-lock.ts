import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes writing one data folder corrupt it. This lock file
 * makes the second process fail fast with a message that says who holds the folder.
 */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is already in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'The embedded database can be opened by one process at a time: stop that process first, ' +
        'or set DATABASE_URL to share a PostgreSQL server between processes.',
    );
  }
}

type LockHolder = { pid: number; host: string; command: string; since: string };

export type DataDirLock = { path: string; release(): void };

const LOCK_FILE = 'studio.lock';

export function acquireDataDirLock(dataDir: string, command = describeProcess()): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      return makeLock(lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(lockPath);
    if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    // The holder died without cleaning up (killed, crashed): its lock is stale, take it over.
    fs.rmSync(lockPath, { force: true });
  }
  const holder = readHolder(lockPath);
  throw new DataDirLockedError(dataDir, holder ?? { pid: -1, host: '?', command: 'unknown', since: '?' });
}

function makeLock(lockPath: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const holder = readHolder(lockPath);
    if (holder?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return { path: lockPath, release };
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, host: parsed.host ?? '?', command: parsed.command ?? '?', since: parsed.since ?? '?' } : null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A lock written on another host (a shared folder) cannot be checked: treat it as held.
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeProcess(): string {
  return path.basename(process.argv[1] ?? process.argv0) || 'node';
}
