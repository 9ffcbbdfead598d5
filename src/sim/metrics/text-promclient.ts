// prom-client 11's Registry.metrics(): families in registration order separated by a blank line, default labels
// appended after a metric's own, millisecond timestamps where a value carries one, a sample-less family as just
// its HELP and TYPE lines.

import type { FamilySnapshot } from './snapshot.ts';
import { jsNumber } from './floats.ts';

export const PROM_CLIENT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

// prom-client's escapeString leaves a backslash that precedes `n` alone (its `\\(?!n)` look-ahead).
function escapeString(s: string): string {
  return s.replace(/\n/g, '\\n').replace(/\\(?!n)/g, '\\\\');
}

function escapeLabelValue(s: string): string {
  return escapeString(s).replace(/"/g, '\\"');
}

export function writePromClientText(families: readonly FamilySnapshot[], defaultLabels: Record<string, string> = {}): string {
  const blocks = families.map((f) => {
    let block = `# HELP ${escapeString(f.name)} ${escapeString(f.help)}\n# TYPE ${escapeString(f.name)} ${f.type}\n`;
    for (const m of f.metrics) {
      for (const s of m.samples) {
        const labels = new Map<string, string>(m.labels.map(([n, v]) => [n, v]));
        if (s.extra) labels.set(s.extra.name, jsNumber(s.extra.value));
        for (const [n, v] of Object.entries(defaultLabels)) if (!labels.get(n)) labels.set(n, v);
        const pairs = [...labels].map(([n, v]) => `${n}="${escapeLabelValue(v)}"`);
        const ls = pairs.length ? `{${pairs.join(',')}}` : '';
        const ts = m.timestampMs !== undefined ? ` ${m.timestampMs}` : '';
        block += `${f.name}${s.suffix}${ls} ${jsNumber(s.value)}${ts}\n`;
      }
    }
    return block.trim();
  });
  return blocks.map((b) => `${b}\n\n`).join('').slice(0, -1);
}
