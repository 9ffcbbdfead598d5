// prom-client 11's Registry.metrics(): families in registration order separated by a blank line, default labels
// appended after a metric's own, millisecond timestamps where a value carries one, a sample-less family as just
// its HELP and TYPE lines.

import type { FamilySnapshot, SampleSnapshot } from './snapshot.ts';
import { jsNumber } from './floats.ts';

export const PROM_CLIENT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

// prom-client's escapeString leaves a backslash that precedes `n` alone (its `\\(?!n)` look-ahead).
function escapeString(s: string): string {
  return s.replace(/\n/g, '\\n').replace(/\\(?!n)/g, '\\\\');
}

function escapeLabelValue(s: string): string {
  return /[\n\\"]/.test(s) ? escapeString(s).replace(/"/g, '\\"') : s;
}

/** `{a="1",b="2"}`: the metric's labels, then a bucket's or quantile's, then the default labels it lacks. */
function labelText(own: readonly (readonly [string, string])[], extra: SampleSnapshot['extra'], defaults: readonly [string, string][]): string {
  const labels = new Map<string, string>(own);
  if (extra) labels.set(extra.name, jsNumber(extra.value));
  for (const [n, v] of defaults) if (!labels.get(n)) labels.set(n, v);
  const pairs = [...labels].map(([n, v]) => `${n}="${escapeLabelValue(v)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

export function writePromClientText(families: readonly FamilySnapshot[], defaultLabels: Record<string, string> = {}): string {
  const defaults = Object.entries(defaultLabels);
  const blocks = families.map((f) => {
    let block = `# HELP ${escapeString(f.name)} ${escapeString(f.help)}\n# TYPE ${escapeString(f.name)} ${f.type}\n`;
    for (const m of f.metrics) {
      // Most samples carry only the metric's labels: their text is built once per metric, not per sample.
      let plain: string | null = null;
      const ts = m.timestampMs !== undefined ? ` ${m.timestampMs}` : '';
      for (const s of m.samples) {
        const ls = s.extra ? labelText(m.labels, s.extra, defaults) : (plain ??= labelText(m.labels, undefined, defaults));
        block += `${f.name}${s.suffix}${ls} ${jsNumber(s.value)}${ts}\n`;
      }
    }
    return block.trim();
  });
  return blocks.map((b) => `${b}\n\n`).join('').slice(0, -1);
}
