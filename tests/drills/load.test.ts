// Drill files: the shipped ones load; a broken one fails with its file, line and field, never half-loaded.

import { describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { DRILL_FILES } from '../../src/drills/content.ts';
import { parseDrill, parseDrills } from '../../src/drills/load.ts';
import { DRILLS, drillFiles } from './walk.ts';

const [firstFile, firstText] = Object.entries(drillFiles()).sort()[0];

function error(text: string): string {
  try {
    parseDrill('bad.yaml', text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the drill to be rejected');
}

describe('drill files', () => {
  it('ships at least ten drills covering apps, scraping, config and alerting', () => {
    expect(DRILLS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DRILLS.map((d) => d.component.service))).toEqual(new Set(['image-gallery', 'iotd', 'accesslog']));
    expect(DRILLS.filter((d) => d.resolved).length).toBeGreaterThanOrEqual(3);
    for (const d of DRILLS) expect(d.causes.length).toBeGreaterThanOrEqual(3);
  });

  it('are listed for the bundle exactly as they are in lessons/drills', async () => {
    const disk = (await readdir('lessons/drills')).filter((f) => f.endsWith('.yaml')).map((f) => `lessons/drills/${f}`);
    expect([...DRILL_FILES].sort()).toEqual(disk.sort());
  });

  it('names the line and field of a mistake', () => {
    expect(error(firstText.replace(/^budget: .*$/m, 'budget: soon'))).toMatch(/^bad\.yaml: line 1\d: budget: must be a duration such as 10m, got "soon"$/);
    expect(error(firstText.replace(/example: 'sum without/, "example: 'sum without((("))).toMatch(/^bad\.yaml: line \d+: evidence\.query\.example: invalid PromQL/);
    expect(error(firstText.replace(/^cause: .*$/m, 'cause: nope'))).toMatch(/^bad\.yaml: line \d+: cause: names no cause of causes: route-handler, /);
    expect(error(firstText.replace('routeErrors:', 'routeErrorz:'))).toMatch(/faults\.0\.set\.routeErrorz: unknown fault; one of errorRatio, routeErrors/);
    expect(error(`${firstText}\nextra: 1\n`)).toMatch(/line \d+: extra: unknown field/);
    expect(error('id: [')).toMatch(/^bad\.yaml: line 1: /);
  });

  it('wants a contradiction for every wrong cause', () => {
    const text = firstText.replace(/\n    contradiction:\n      query: 'up\{job="iotd-api"\}'\n(      .*\n)+?(?=  - id)/, '\n');
    expect(error(text)).toMatch(/causes\.1: a wrong cause needs the contradiction that rules it out/);
  });

  it('rejects two drills with one id', () => {
    expect(() => parseDrills({ [firstFile]: firstText, 'copy.yaml': firstText })).toThrow(/copy\.yaml: id "route-500" is also used by lessons\/drills\/01-route-500\.yaml/);
  });
});
