// The world's state a reload keeps: how far the learner scaled accesslog (`--scale accesslog=3`, the control
// bar). Restored before Prometheus' first DNS lookup, so the replicas are found as before; saved on every change.

import type { Store } from '../kvstore/store.ts';
import type { World } from './world.ts';

export const ACCESSLOG_SCALE_KEY = 'world/accesslog-replicas';

/** Replicas of the accesslog service, stopped ones included: the scale, not what happens to run. */
export function accesslogScale(world: { containers(): readonly { service: string }[] }): number {
  return world.containers().filter((c) => c.service === 'accesslog').length;
}

/** Brings the saved scale back into `world`, then saves the scale whenever it changes; `fail` hears a failed save. */
export async function keepWorldState(world: Pick<World, 'containers' | 'scale' | 'subscribe'>, store: Pick<Store, 'get' | 'put'>, fail: (err: unknown) => void): Promise<void> {
  const saved = await store.get<number>(ACCESSLOG_SCALE_KEY).catch(() => undefined);
  if (typeof saved === 'number' && Number.isInteger(saved) && saved >= 1 && saved !== accesslogScale(world)) world.scale('accesslog', saved);
  let scale = accesslogScale(world);
  world.subscribe(() => {
    const now = accesslogScale(world);
    if (now === scale) return;
    scale = now;
    store.put(ACCESSLOG_SCALE_KEY, now).catch(fail);
  });
}
