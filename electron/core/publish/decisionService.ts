// The main process's side of the decision worker: one worker thread per open core, started when the library's
// handlers are registered (so it is warm when the library asks), asked by message, ended when the core closes.
// It never keeps a process alive on its own: it is unref'd while nothing is waiting for it.
import type { Worker } from 'node:worker_threads';
import type { DecisionFilter, StatusCounts } from '../../../shared/decisionFilter';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { startWorker } from '../workers';
import type { DecisionRequest, DecisionReply, DecisionWorkerData } from './decisionWorker';
import type { DecisionPage, DecisionPageQuery, EventDecisionQuery } from './eventDecisions';

type Settle = (reply: DecisionReply) => void;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class DecisionService {
  private worker: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Settle>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly core: CoreContext) {
    core.onClose(() => this.close());
  }

  private start(): Promise<Worker> {
    this.worker ??= (async () => {
      const workerData: DecisionWorkerData = { database: this.core.readOnlyAccess };
      const worker = await startWorker(
        {
          importer: import.meta.url,
          file: './decisionWorker.ts',
          bundled: () => import('./decisionWorker?nodeWorker'),
        },
        { workerData },
      );
      worker.on('message', (reply: DecisionReply) => {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
        if (this.pending.size === 0) worker.unref();
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', () => this.failAll(new Error('decision worker ended')));
      // After the listeners: adding a 'message' listener refs the worker again.
      worker.unref();
      return worker;
    })();
    this.worker.catch(() => (this.worker = null));
    return this.worker;
  }

  private failAll(error: Error): void {
    this.worker = null;
    for (const settle of this.pending.values()) {
      settle({ id: -1, ok: false, error: { code: 'internal', params: {} }, detail: error.message });
    }
    this.pending.clear();
  }

  /** Starts the worker in the background, so the first question does not wait for it to load. */
  warmUp(): void {
    if (!this.closed) this.start().catch(() => undefined);
  }

  private async ask<T>(request: WithoutId<DecisionRequest>): Promise<T> {
    if (this.closed) throw new AppError('internal', {});
    const worker = await this.start();
    const id = this.nextId++;
    const reply = await new Promise<DecisionReply>((resolve) => {
      this.pending.set(id, resolve);
      worker.ref();
      worker.postMessage({ ...request, id });
    });
    if (!reply.ok) {
      // A question still on its way when the core closes (the window going away) gets no answer worth logging.
      if (this.closed) throw new AppError('internal', {});
      if (reply.error.code === 'internal') throw new Error(`decision worker: ${reply.detail}`);
      throw new AppError(reply.error.code, reply.error.params);
    }
    return reply.value as T;
  }

  counts(query: EventDecisionQuery): Promise<StatusCounts> {
    return this.ask({ kind: 'counts', query });
  }

  page(query: DecisionPageQuery): Promise<DecisionPage> {
    return this.ask({ kind: 'page', query });
  }

  filteredHashes(query: EventDecisionQuery & { readonly filter: DecisionFilter }): Promise<string[]> {
    return this.ask({ kind: 'hashes', query });
  }

  /** Resolves once the worker has brought everything kept up to date (for tests and the bench). */
  settled(): Promise<void> {
    return this.ask<null>({ kind: 'settled' }).then(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.then((w) => w.terminate()).catch(() => undefined);
  }
}

const services = new WeakMap<CoreContext, DecisionService>();

/** The decision worker of this core (one per core). */
export function decisionService(core: CoreContext): DecisionService {
  let service = services.get(core);
  if (!service) {
    service = new DecisionService(core);
    services.set(core, service);
  }
  return service;
}
