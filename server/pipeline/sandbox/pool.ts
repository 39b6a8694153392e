import { Worker } from 'node:worker_threads';
import type { RequestBody, WorkerReply } from './protocol';

/**
 * The worker threads that run QuickJS. Each slot holds one worker (started on first use, replaced
 * when it dies) and a queue: exactly one request is in flight per worker, so a per-request
 * watchdog can start when the worker actually begins that request.
 *
 * The watchdog is the second line behind QuickJS's interrupt handler: some native operations never
 * poll it (Array.prototype.sort without a comparator, big string operations), so a request that
 * overruns its limit by the grace period (DEFAULT_GRACE_MS) gets its worker terminated.
 */

/** Native stack of a worker thread. QuickJS limits its own stack (vm.mjs STACK_BYTES) but each of
 *  its frames costs far more native stack under WebAssembly; 32 MB keeps that limit the one hit. */
const WORKER_STACK_MB = 32;
/** How far past its time limit a call may run before the watchdog stops its worker. */
export const DEFAULT_GRACE_MS = 2000;

/** A request that will never be answered because its worker stopped. */
export class WorkerLost extends Error {
  constructor(
    message: string,
    /** The watchdog stopped the worker while this request ran. */
    readonly timedOut = false,
  ) {
    super(message);
  }
}

type Job = { body: RequestBody; watchdogMs: number; thenMs?: number; resolve(reply: WorkerReply): void; reject(err: WorkerLost): void };

export class WorkerSlot {
  worker: Worker | undefined;
  /** Bumped whenever the worker dies: sessions opened on an older generation are gone. */
  generation = 0;
  /** Sessions open on the current generation (placement only). */
  sessions = 0;
  /** Hashes of lazily loaded states sent to the current worker (it may have let some go since). */
  bases = new Set<string>();
  private queue: Job[] = [];
  private current: { job: Job; id: number; timer: NodeJS.Timeout; timedOut: boolean } | undefined;
  private nextId = 1;
  private lastError: string | undefined;
  /** The current worker has answered at least once (so restarting it cannot loop). */
  private healthy = false;

  constructor(
    private readonly pool: WorkerPool,
    readonly index: number,
  ) {}

  get load(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** `thenMs`: the watchdog's budget once the worker reports a second phase (see WorkerReply.phase). */
  request(body: RequestBody, watchdogMs: number, thenMs?: number): Promise<WorkerReply> {
    if (this.pool.closed) return Promise.reject(new WorkerLost('the sandbox is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ body, watchdogMs, thenMs, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.pool.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    this.current = { job, id, timer: this.watchdog(worker, id, job.watchdogMs), timedOut: false };
    // Keep the process alive only while a request is out; an idle pool never holds it open.
    worker.ref();
    worker.postMessage({ ...job.body, id });
  }

  private spawn(): Worker {
    const worker = new Worker(this.pool.workerPath, {
      // The worker is plain JavaScript: no loaders (tsx, vitest) and none of our environment.
      execArgv: [],
      env: {},
      name: `sandbox-${this.index}`,
      resourceLimits: { stackSizeMb: WORKER_STACK_MB },
    });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.onReply(worker, reply));
    worker.on('error', (err) => {
      this.lastError = err.message;
    });
    worker.on('exit', (code) => this.onExit(worker, code));
    this.worker = worker;
    this.healthy = false;
    this.bases = new Set();
    return worker;
  }

  /** Stops the worker if request `id` is still running after `ms`. */
  private watchdog(worker: Worker, id: number, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      if (this.current?.id !== id) return;
      this.current.timedOut = true;
      void worker.terminate();
    }, ms);
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const current = this.current;
    if (worker !== this.worker || !current || reply.id !== current.id) return;
    clearTimeout(current.timer);
    if (reply.phase === 'dumping') {
      current.timer = this.watchdog(worker, current.id, current.job.thenMs ?? current.job.watchdogMs);
      return;
    }
    this.current = undefined;
    this.healthy = true;
    worker.unref();
    current.job.resolve(reply);
    this.pump();
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    const why = this.lastError ?? `exit code ${code}`;
    const wasHealthy = this.healthy;
    this.worker = undefined;
    this.lastError = undefined;
    this.generation++;
    this.sessions = 0;
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(new WorkerLost(`the sandbox worker stopped (${why})`, current.timedOut));
    }
    for (const job of this.queue.splice(0)) job.reject(new WorkerLost(`the sandbox worker stopped (${why})`));
    // Replace it now so the next request finds a warm worker; a worker that never answered is left
    // to the next request instead, so a worker that cannot start does not respawn in a loop.
    if (wasHealthy && !this.pool.closed) this.spawn();
  }

  async shutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    const current = this.current;
    this.current = undefined;
    if (current) clearTimeout(current.timer);
    for (const job of [...(current ? [current.job] : []), ...this.queue.splice(0)]) job.reject(new WorkerLost('the sandbox was closed'));
    if (worker) await worker.terminate();
  }
}

export class WorkerPool {
  readonly slots: WorkerSlot[];
  closed = false;
  private nextSessionId = 1;

  constructor(
    size: number,
    readonly workerPath: string,
    readonly graceMs = DEFAULT_GRACE_MS,
  ) {
    this.slots = Array.from({ length: size }, (_, i) => new WorkerSlot(this, i));
  }

  newSessionId(): number {
    return this.nextSessionId++;
  }

  /** Sessions stay on one worker for life: spread them by count, then by queue length. */
  forSession(): WorkerSlot {
    return pick(this.slots, (s) => s.sessions * 1000 + s.load);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.shutdown()));
  }
}

function pick(slots: WorkerSlot[], cost: (s: WorkerSlot) => number): WorkerSlot {
  let best = slots[0]!;
  for (const s of slots) if (cost(s) < cost(best)) best = s;
  return best;
}
