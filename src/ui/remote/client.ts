// The page's end of the channel to the worker that runs Prometheus: typed calls (see src/worker/calls.ts) and
// the snapshots it pushes.

import type { CallArgs, CallName, CallResult, WireRequest } from '../../worker/calls.ts';
import type { FromWorker, ToWorker } from '../../worker/protocol.ts';
import type { Snapshot } from '../../worker/snapshot.ts';

export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Set<(s: Snapshot) => void>();
  /** The first snapshot: the worker has booted. */
  readonly ready: Promise<Snapshot>;

  constructor(private readonly worker: Worker) {
    let booted: (s: Snapshot) => void;
    let failed: (e: Error) => void;
    this.ready = new Promise((resolve, reject) => ((booted = resolve), (failed = reject)));
    worker.onerror = (e) => failed(new Error(e.message || 'the Prometheus worker failed to start'));
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'snapshot') {
        booted(m.snapshot);
        for (const fn of this.listeners) fn(m.snapshot);
      } else if (m.type === 'boot-error') {
        failed(new Error(m.error));
      } else {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(m.error));
      }
    };
  }

  call<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<CallResult<K>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ type: 'call', id, name, args } satisfies ToWorker);
    });
  }

  onSnapshot(fn: (s: Snapshot) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** fetch() on the simulated network (Prometheus' API, Alertmanager's, the apps), answered in the worker. */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const wire: WireRequest = {
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: request.method === 'GET' || request.method === 'HEAD' ? null : await request.text(),
    };
    const res = await this.call('http', wire);
    const empty = res.status === 204 || res.status === 304 || request.method === 'HEAD';
    return new Response(empty ? null : res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
