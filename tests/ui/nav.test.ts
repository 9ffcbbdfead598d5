import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAV, navRoutes } from '../../src/ui/nav/nav.ts';

// router.svelte.ts needs a browser (location, runes), so its ROUTES list is read from the source.
const routerSource = readFileSync(new URL('../../src/ui/router.svelte.ts', import.meta.url), 'utf8');
const ROUTES = [...routerSource.match(/export const ROUTES = \[([^\]]*)\]/)![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);

describe('the header navigation', () => {
  it('links every route exactly once', () => {
    expect(ROUTES.length).toBeGreaterThan(10);
    expect([...navRoutes()].sort()).toEqual([...ROUTES].sort());
  });

  it('keeps the top level short', () => {
    expect(NAV.length).toBeLessThanOrEqual(7);
  });
});
