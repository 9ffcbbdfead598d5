// The messages between the page and the worker that runs Prometheus: calls (named, see calls.ts) with their
// results, and the snapshots the worker pushes.

import type { CallName } from './calls.ts';
import type { Snapshot } from './snapshot.ts';

export type ToWorker = { readonly type: 'call'; readonly id: number; readonly name: CallName; readonly args: unknown[] };

export type FromWorker =
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'boot-error'; readonly error: string };

/** At most this many snapshots per wall second while the clock runs or fast-forwards. */
export const SNAPSHOTS_PER_SECOND = 4;
