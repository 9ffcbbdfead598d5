// The drill files bundled from lessons/drills/, loaded as raw text on demand (a chunk of their own) and parsed here,
// so a broken file fails with its name, line and field.

import { parseDrills } from './load.ts';
import type { Drill } from './types.ts';

const drillFiles = import.meta.glob<string>('../../lessons/drills/*.yaml', { query: '?raw', import: 'default' });

export async function loadDrills(): Promise<Drill[]> {
  const entries = await Promise.all(Object.entries(drillFiles).map(async ([path, load]) => [path.replace('../../', ''), await load()] as const));
  return parseDrills(Object.fromEntries(entries));
}
