// info(v, {selector}): adds the data labels of info series (by default `target_info`) to each sample of v,
// joined on the identifying labels `instance` and `job`, like Prometheus' experimental info function.

import { LabelsBuilder, METRIC_NAME, formatLabels, getLabel, type Labels } from '../../model/labels/labels.ts';
import { Matcher } from '../../model/labels/matcher.ts';
import type { SeriesData } from '../../storage/interface.ts';
import { PromQLError, type Sample } from '../value.ts';
import { isNameDropped, markNameDropped } from './labelcache.ts';

const IDENTIFYING = ['instance', 'job'];

export interface InfoSpec {
  /** What selects the info series: name matchers plus data-label matchers. */
  readonly selectMatchers: readonly Matcher[];
  readonly nameMatchers: readonly Matcher[];
  readonly dataMatchers: readonly Matcher[];
}

/**
 * Without a name matcher the info metric is `target_info`; with only negated ones, the candidates are the
 * `*_info` metrics they do not exclude.
 */
export function infoSpec(matchers: readonly Matcher[]): InfoSpec {
  let nameMatchers = matchers.filter((m) => m.name === METRIC_NAME);
  const dataMatchers = matchers.filter((m) => m.name !== METRIC_NAME);
  if (nameMatchers.length === 0) nameMatchers = [new Matcher('=', METRIC_NAME, 'target_info')];
  else if (nameMatchers.every((m) => m.type === '!=' || m.type === '!~')) nameMatchers = [new Matcher('=~', METRIC_NAME, '.+_info'), ...nameMatchers];
  return { selectMatchers: [...nameMatchers, ...dataMatchers], nameMatchers, dataMatchers };
}

// The info series' value at t: its latest sample in (t - lookback, t], unless that is a staleness marker.
function presentAt(s: SeriesData, t: number, lookback: number): number | null {
  let lo = 0;
  let hi = s.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.t[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0 || s.t[i] <= t - lookback || s.stale[i]) return null;
  // Info series carry float samples; Prometheus fails the query on a histogram one.
  if (s.h?.[i]) throw new PromQLError(`this should be an info metric, with float samples: ${formatLabels(s.labels)}`);
  return s.t[i];
}

/**
 * One step: each sample gets the data labels of the info series that match its identifying labels at time
 * t (the latest one per info metric). A sample without a match is kept as it is when every data matcher
 * accepts an empty value, and dropped otherwise. Info series themselves pass through unchanged.
 */
export function enrich(vec: Sample[], infos: readonly SeriesData[], spec: InfoSpec, t: number, lookback: number): Sample[] {
  const emptyOk = spec.dataMatchers.every((m) => m.matchesEmpty());
  const out: Sample[] = [];
  for (const s of vec) {
    const ids = IDENTIFYING.filter((n) => getLabel(s.metric, n) !== '');
    const isInfo = spec.nameMatchers.every((m) => m.matches(getLabel(s.metric, METRIC_NAME)));
    if (isInfo || ids.length === 0) {
      out.push(s);
      continue;
    }
    // The latest matching series per info metric name.
    const latest = new Map<string, { t: number; labels: Labels }>();
    for (const info of infos) {
      if (!ids.every((n) => getLabel(info.labels, n) === getLabel(s.metric, n))) continue;
      const at = presentAt(info, t, lookback);
      if (at === null) continue;
      const name = getLabel(info.labels, METRIC_NAME);
      const prev = latest.get(name);
      if (!prev || at > prev.t) latest.set(name, { t: at, labels: info.labels });
    }
    if (latest.size === 0) {
      if (emptyOk) out.push(s);
      continue;
    }
    const added = new Map<string, string>();
    for (const { labels } of latest.values()) {
      const names = spec.dataMatchers.length > 0 ? spec.dataMatchers.map((m) => m.name) : labels.map((l) => l.name);
      for (const n of names) {
        if (n === METRIC_NAME || IDENTIFYING.includes(n)) continue;
        const v = getLabel(labels, n);
        if (v === '' || getLabel(s.metric, n) !== '') continue;
        const prev = added.get(n);
        if (prev !== undefined && prev !== v) throw new PromQLError(`conflicting label: ${n} has values "${prev}" and "${v}" in info series`);
        added.set(n, v);
      }
    }
    const b = new LabelsBuilder(s.metric);
    for (const [n, v] of added) b.set(n, v);
    out.push({ metric: markNameDropped(b.labels(), isNameDropped(s.metric)), t: s.t, v: s.v });
  }
  return out;
}
