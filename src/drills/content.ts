// The drill files in lessons/drills/, named in an explicit list (the core needs no bundler to find them; a test
// holds the list to the folder), read through the caller's reader (the page's bundle or the disk) and parsed here.

import type { ReadFile } from '../course/course.ts';
import { parseDrills } from './load.ts';
import type { Drill } from './types.ts';

export const DRILL_FILES: readonly string[] = [
  'lessons/drills/01-route-500.yaml',
  'lessons/drills/02-slow-upstream.yaml',
  'lessons/drills/03-crash-loop.yaml',
  'lessons/drills/04-jvm-oom.yaml',
  'lessons/drills/05-goroutine-leak.yaml',
  'lessons/drills/06-dns-port.yaml',
  'lessons/drills/07-relabel-drop.yaml',
  'lessons/drills/08-slow-metrics.yaml',
  'lessons/drills/09-silent-alert.yaml',
  'lessons/drills/10-fallback-images.yaml',
];

export async function loadDrills(read: ReadFile): Promise<Drill[]> {
  return parseDrills(Object.fromEntries(await Promise.all(DRILL_FILES.map(async (p) => [p, await read(p)] as const))));
}
