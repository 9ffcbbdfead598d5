// Micrometer's scrape() through Prometheus simpleclient's TextFormat.write004: families in registry order, every
// label followed by a comma (`{status="success",}`), Java Double.toString values, and a one-space HELP for meters
// without a description (MicrometerCollector passes " ", so the line reads `# HELP name  `).

import type { FamilySnapshot } from './snapshot.ts';
import { javaDouble } from './floats.ts';
import { escapeHelp, escapeLabelValue } from './text-go.ts';

export const MICROMETER_CONTENT_TYPE = 'text/plain;version=0.0.4;charset=utf-8';

export function writeMicrometerText(families: readonly FamilySnapshot[]): string {
  let out = '';
  for (const f of families) {
    // A MicrometerCollector without children contributes no family.
    if (f.metrics.length === 0) continue;
    out += `# HELP ${f.name} ${escapeHelp(f.help === '' ? ' ' : f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    for (const m of f.metrics) {
      for (const s of m.samples) {
        const pairs = m.labels.map(([n, v]) => `${n}="${escapeLabelValue(v)}",`);
        if (s.extra) pairs.push(`${s.extra.name}="${javaDouble(s.extra.value)}",`);
        const ls = pairs.length ? `{${pairs.join('')}}` : '';
        out += `${f.name}${s.suffix}${ls} ${javaDouble(s.value)}\n`;
      }
    }
  }
  return out;
}
