import { describe, expect, it } from 'vitest';
import { NAV, navRoutes } from '../../src/ui/nav/nav.ts';
import { ROUTES } from '../../src/ui/routes.ts';

describe('the header navigation', () => {
  it('links every route exactly once', () => {
    expect(ROUTES.length).toBeGreaterThan(10);
    expect([...navRoutes()].sort()).toEqual([...ROUTES].sort());
  });

  it('keeps the top level short', () => {
    expect(NAV.length).toBeLessThanOrEqual(7);
  });
});
