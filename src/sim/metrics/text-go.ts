// client_golang's text format 0.0.4 (expfmt.MetricFamilyToText after Gather): families sorted by name, label
// names sorted, metrics sorted by label values, `le`/`quantile` last, no blank lines, no timestamps.

import type { FamilySnapshot, MetricSnapshot } from './snapshot.ts';
import { formatFloat } from '../../model/strconv.ts';

export const GO_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function sortedLabels(m: MetricSnapshot): (readonly [string, string])[] {
  return [...m.labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function compareMetrics(a: (readonly [string, string])[], b: (readonly [string, string])[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i][1] !== b[i][1]) return a[i][1] < b[i][1] ? -1 : 1;
  }
  return a.length - b.length;
}

export function writeGoText(families: readonly FamilySnapshot[]): string {
  let out = '';
  const sorted = [...families].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sorted) {
    // Gather drops families without metrics.
    if (f.metrics.length === 0) continue;
    out += `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`;
    const metrics = f.metrics.map((m) => sortedLabels(m)).map((labels, i) => ({ labels, m: f.metrics[i] }));
    metrics.sort((a, b) => compareMetrics(a.labels, b.labels));
    for (const { labels, m } of metrics) {
      for (const s of m.samples) {
        const pairs = labels.map(([n, v]) => `${n}="${escapeLabelValue(v)}"`);
        if (s.extra) pairs.push(`${s.extra.name}="${formatFloat(s.extra.value, 'g')}"`);
        const ls = pairs.length ? `{${pairs.join(',')}}` : '';
        out += `${f.name}${s.suffix}${ls} ${formatFloat(s.value, 'g')}\n`;
      }
    }
  }
  return out;
}
