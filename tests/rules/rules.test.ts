// Rule files and rule evaluation on the virtual clock: synthetic counters in a head, the real engine.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { Files } from '../../src/files/files.ts';
import { labelsFromRecord, labelsToRecord } from '../../src/model/labels/labels.ts';
import { Engine } from '../../src/promql/index.ts';
import type { Value } from '../../src/promql/value.ts';
import { DEFAULT_RULES_PATH, DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { loadRuleFile } from '../../src/rules/file.ts';
import { RuleManager } from '../../src/rules/manager.ts';
import type { PostableAlert } from '../../src/rules/types.ts';
import { Head } from '../../src/tsdb/head.ts';
import { Matcher } from '../../src/model/labels/matcher.ts';
import { FloatHistogram } from '../../src/model/histogram/float_histogram.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function setup(rules: string) {
  const clock = new VirtualClock(T0);
  const head = new Head();
  const engine = new Engine();
  const files = new Files({ '/etc/prometheus/rules/a.yml': rules });
  const sent: PostableAlert[][] = [];
  const mgr = new RuleManager({
    clock,
    files,
    appendable: head,
    queryable: head,
    query: (expr, ts) => engine.instantQuery(head, expr, ts),
    notify: (alerts) => void sent.push(alerts),
  });
  const load = mgr.update({ patterns: ['/etc/prometheus/rules/*.yml'], evaluationIntervalMs: 15_000, externalLabels: {} });
  const query = (expr: string): Value => engine.instantQuery(head, expr, clock.now());
  return { clock, head, files, mgr, sent, load, query };
}

/** Writes a counter sample every 5s from `from` to `to`, growing by `perSec` each second. */
function counter(head: Head, labels: Record<string, string>, from: number, to: number, perSec: number, start = 0): number {
  const ref = head.getOrCreate(labelsFromRecord(labels));
  let v = start;
  for (let t = from; t <= to; t += 5000) {
    head.append(ref, t, v);
    v += perSec * 5;
  }
  return v;
}

describe('rule files', () => {
  it('loads the default rules file', () => {
    const r = loadRuleFile(DEFAULT_RULES_PATH, DEFAULT_RULES_YAML);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.groups.map((g) => [g.name, g.intervalMs, g.rules.map((x) => `${x.kind}:${x.name}`)])).toEqual([
      ['image-gallery', 15_000, [
        'recording:job:image_gallery_requests:rate1m',
        'recording:job:image_gallery_requests:error_rate1m',
        'alerting:ImageGalleryHighErrorRate',
        'alerting:ImageGalleryDown',
        'alerting:ImageGalleryTrafficSurge',
      ]],
      ['runtime', 15_000, ['alerting:GoroutineLeak', 'alerting:MemoryLeak', 'alerting:CrashLooping']],
    ]);
  });

  it('reports errors with line:col, like promtool check rules', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: Broken',
      '        expr: rate(x[5m] > 1',
      '      - record: ok:rec',
      '        expr: up',
      '        for: 1m',
      '      - expr: up',
      '  - name: g',
      '    rules: []',
      '    bogus: 1',
    ].join('\n');
    const r = loadRuleFile('/etc/prometheus/rules/a.yml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const shown = r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
    // As Debian's promtool 2.42 prints them, except that a rule with neither record nor alert gets its own position
    // (promtool says 0:0).
    expect(shown[0]).toBe('5:15: group "g", rule 1, "Broken": could not parse expression: 1:15: parse error: unclosed left parenthesis');
    expect(shown.slice(1)).toEqual([
      `6:17: group "g", rule 2, "ok:rec": invalid field 'for' in recording rule`,
      `9:9: group "g", rule 3, "": one of 'record' or 'alert' must be set`,
      '10:5: groupname: "g" is repeated in the same file',
      '12:5: field bogus not found in type rulefmt.RuleGroupNode',
    ]);
    expect(r.errors.every((e) => e.file === '/etc/prometheus/rules/a.yml')).toBe(true);
  });
});

const ALERT_RULES = `groups:
  - name: errors
    interval: 15s
    rules:
      - record: job:errors:ratio
        expr: sum by (job) (rate(errors_total[1m])) / sum by (job) (rate(requests_total[1m]))
      - alert: HighErrorRate
        expr: job:errors:ratio > 0.05
        for: 1m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.job }} errors at {{ $value | humanizePercentage }}"
`;

describe('alerting rules on the virtual clock', () => {
  it('goes pending, firing, then resolved, writing ALERTS and notifying', async () => {
    const { clock, head, mgr, sent, load, query } = setup(ALERT_RULES);
    expect(load.ok).toBe(true);
    const job = { job: 'app' };
    // Healthy for 2 minutes, then 20% errors for 3 minutes, then healthy again.
    const end = T0 + 10 * 60_000;
    counter(head, { __name__: 'requests_total', ...job }, T0 - 60_000, end, 10);
    const healthyErrors = counter(head, { __name__: 'errors_total', ...job }, T0 - 60_000, T0 + 2 * 60_000 - 5000, 0.1);
    const afterSpike = counter(head, { __name__: 'errors_total', ...job }, T0 + 2 * 60_000, T0 + 5 * 60_000 - 5000, 2, healthyErrors);
    counter(head, { __name__: 'errors_total', ...job }, T0 + 5 * 60_000, end, 0.1, afterSpike);

    const state = () => mgr.groups()[0].rules[1];
    await clock.advance(2 * 60_000);
    expect(state()).toMatchObject({ type: 'alerting', state: 'inactive', health: 'ok' });

    await clock.advance(45_000);
    const pending = mgr.alerts();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ state: 'pending', labels: { alertname: 'HighErrorRate', job: 'app', severity: 'critical' } });
    expect(pending[0].annotations.summary).toMatch(/^app errors at \d+(\.\d+)?%$/);
    expect(sent).toHaveLength(0);
    const v = query('ALERTS');
    expect(v.type === 'vector' && v.samples.map((s) => labelsToRecord(s.metric).alertstate)).toEqual(['pending']);

    await clock.advance(75_000);
    expect(mgr.alerts()[0].state).toBe('firing');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0][0]).toMatchObject({ labels: { alertname: 'HighErrorRate', job: 'app', severity: 'critical' } });
    const forState = query('ALERTS_FOR_STATE');
    expect(forState.type === 'vector' && forState.samples[0].v).toBe(pending[0].activeAt / 1000);

    // The spike ends at +5m; the 1m rate window drains, the alert resolves and is sent once more with endsAt.
    await clock.advance(3 * 60_000);
    expect(mgr.alerts()).toHaveLength(0);
    expect(state()).toMatchObject({ state: 'inactive' });
    const last = sent[sent.length - 1][0];
    expect(last.endsAt).toBeLessThanOrEqual(clock.now());
    // ALERTS went stale: no sample now.
    const after = query('ALERTS');
    expect(after.type === 'vector' && after.samples).toEqual([]);
  });

  it('keeps the last good rules running when a reload fails', async () => {
    const { clock, files, mgr } = setup(ALERT_RULES);
    await clock.advance(30_000);
    files.write('/etc/prometheus/rules/a.yml', 'groups:\n  - name: errors\n    rules:\n      - alert: X\n        expr: sum(\n');
    const r = mgr.reload();
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ file: '/etc/prometheus/rules/a.yml', line: 5 });
    expect(mgr.lastLoad().ok).toBe(false);
    expect(mgr.groups()[0].rules.map((x) => x.name)).toEqual(['job:errors:ratio', 'HighErrorRate']);
    const before = mgr.groups()[0].lastEvaluation!;
    await clock.advance(15_000);
    expect(mgr.groups()[0].lastEvaluation).toBe(before + 15_000);
  });

  it('reports evaluation errors as rule health', async () => {
    const { clock, head, mgr } = setup(`groups:
  - name: g
    rules:
      - record: up:any
        expr: up
        labels: {instance: ""}
`);
    for (const instance of ['a', 'b']) counter(head, { __name__: 'up', instance }, T0, T0 + 120_000, 0, 1);
    await clock.advance(60_000);
    expect(mgr.groups()[0].rules[0]).toMatchObject({
      health: 'err',
      lastError: 'vector contains metrics with the same labelset after applying rule labels',
    });
  });
});

describe('alert timing details', () => {
  const rules = (extra: string) => `groups:
  - name: g
    interval: 10s
    rules:
      - alert: Hot
        expr: temp > 30
${extra}`;

  it('fires at once with no `for`, and keep_firing_for holds it after the condition clears', async () => {
    const { clock, head, mgr } = setup(rules('        keep_firing_for: 30s\n'));
    // Hot for the first 40s, then cool.
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'temp', room: 'a' }));
    for (let t = T0; t <= T0 + 120_000; t += 5000) head.append(ref, t, t < T0 + 40_000 ? 35 : 20);
    await clock.advance(15_000);
    expect(mgr.alerts().map((a) => a.state)).toEqual(['firing']);
    // The condition clears at +40s; the alert keeps firing for 30s more, with keepFiringSince set.
    await clock.advance(40_000);
    const kept = mgr.alerts();
    expect(kept.map((a) => a.state)).toEqual(['firing']);
    expect(kept[0].keepFiringSince).not.toBeNull();
    await clock.advance(40_000);
    expect(mgr.alerts()).toEqual([]);
  });

  it('refuses more alerts than the group limit', async () => {
    const { clock, head, mgr } = setup(rules('').replace('    interval: 10s\n', '    interval: 10s\n    limit: 1\n'));
    for (const room of ['a', 'b']) {
      const ref = head.getOrCreate(labelsFromRecord({ __name__: 'temp', room }));
      for (let t = T0; t <= T0 + 60_000; t += 5000) head.append(ref, t, 35);
    }
    await clock.advance(15_000);
    expect(mgr.groups()[0].rules[0]).toMatchObject({ health: 'err', lastError: 'exceeded limit of 1 with 2 alerts' });
    expect(mgr.alerts()).toEqual([]);
  });
});

describe('templates in alerting rules', () => {
  it('can query, and an unknown function fails the rule file at load', async () => {
    const { clock, head, mgr } = setup(`groups:
  - name: g
    interval: 10s
    rules:
      - alert: Hot
        expr: temp > 30
        annotations:
          summary: '{{ $labels.room }} is {{ $value }}°C; {{ with query "count(temp)" }}{{ . | first | value }}{{ end }} rooms measured'
`);
    for (const room of ['a', 'b']) {
      const ref = head.getOrCreate(labelsFromRecord({ __name__: 'temp', room }));
      for (let t = T0; t <= T0 + 60_000; t += 5000) head.append(ref, t, room === 'a' ? 35 : 20);
    }
    await clock.advance(15_000);
    expect(mgr.alerts().map((a) => a.annotations.summary)).toEqual(['a is 35°C; 2 rooms measured']);

    const bad = loadRuleFile('x.yml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        annotations:\n          s: "{{ humanise $value }}"\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].message).toBe('group "g", rule 1, "A": annotation "s": template: __alert_A:1: function "humanise" not defined');
  });
});

describe('restoring `for` state after a start', () => {
  const RULE = `groups:
  - name: g
    interval: 10s
    rules:
      - alert: Hot
        expr: temp > 30
        for: 15m
`;
  const FOR_STATE = { __name__: 'ALERTS_FOR_STATE', alertname: 'Hot', room: 'a' };

  /** A head as a restart finds it: temp still hot, and ALERTS_FOR_STATE written up to 30s before the start. */
  function restarted(activeAtBeforeMs: number, rule = RULE) {
    const s = setup(rule);
    const temp = s.head.getOrCreate(labelsFromRecord({ __name__: 'temp', room: 'a' }));
    for (let t = T0 - 20 * 60_000; t <= T0 + 40 * 60_000; t += 10_000) s.head.append(temp, t, 35);
    const state = s.head.getOrCreate(labelsFromRecord(FOR_STATE));
    for (let t = T0 - 20 * 60_000; t <= T0 - 30_000; t += 10_000) if (t >= activeAtBeforeMs) s.head.append(state, t, activeAtBeforeMs / 1000);
    return s;
  }

  it('keeps an alert that was firing firing', async () => {
    const { clock, mgr } = restarted(T0 - 20 * 60_000);
    await clock.advance(25_000);
    expect(mgr.alerts()).toMatchObject([{ state: 'firing', activeAt: T0 - 20 * 60_000 }]);
  });

  it('carries on the pending time of a pending alert, shifted by the downtime', async () => {
    // Pending for 4.5 minutes when it went down at T0-30s: 10.5 minutes remain, more than the 10m grace period.
    const { clock, mgr } = restarted(T0 - 5 * 60_000);
    await clock.advance(15_000);
    const [a] = mgr.alerts();
    const firstEval = mgr.groups()[0].lastEvaluation!;
    expect(a).toMatchObject({ state: 'pending', activeAt: T0 - 5 * 60_000 + (firstEval - (T0 - 30_000)) });
  });

  it('does not restore alerts whose `for` is shorter than the grace period: they wait their `for` again', async () => {
    const { clock, mgr } = restarted(T0 - 20 * 60_000, RULE.replace('for: 15m', 'for: 1m'));
    await clock.advance(15_000);
    expect(mgr.alerts()).toMatchObject([{ state: 'pending', activeAt: mgr.groups()[0].lastEvaluation }]);
  });
});

describe('group settings', () => {
  it('puts the group labels on every rule and queries query_offset in the past', async () => {
    const { clock, head, mgr, query } = setup(`groups:
  - name: g
    interval: 10s
    query_offset: 1m
    labels: {team: web, tier: front}
    rules:
      - record: temp:max
        expr: max(temp)
        labels: {tier: back}
`);
    const ref = head.getOrCreate(labelsFromRecord({ __name__: 'temp', room: 'a' }));
    // 10 degrees more every minute.
    for (let t = T0 - 5 * 60_000; t <= T0 + 5 * 60_000; t += 10_000) head.append(ref, t, 20 + Math.floor((t - T0) / 60_000) * 10);
    await clock.advance(3 * 60_000);
    expect(mgr.groups()[0].rules[0].labels).toEqual({ team: 'web', tier: 'back' });
    const evalTs = mgr.groups()[0].lastEvaluation!;
    const v = query('temp:max');
    if (v.type !== 'vector') throw new Error(v.type);
    expect(labelsToRecord(v.samples[0].metric)).toEqual({ __name__: 'temp:max', team: 'web', tier: 'back' });
    // Stamped and computed a minute before the evaluation.
    const r = head.select([new Matcher('=', '__name__', 'temp:max')], { start: 0, end: Infinity })[0];
    expect(r.t[r.t.length - 1]).toBe(evalTs - 60_000);
    expect(v.samples[0].v).toBe(20 + Math.floor((evalTs - 60_000 - T0) / 60_000) * 10);
  });
});

describe('recording rules over native histograms', () => {
  it('store a histogram result as a histogram sample, not a NaN float', async () => {
    const { clock, head, mgr, query } = setup(`groups:
  - name: h
    interval: 15s
    rules:
      - record: job:latency:sum
        expr: sum by (job) (latency)
`);
    for (const instance of ['a', 'b']) {
      const ref = head.getOrCreate(labelsFromRecord({ __name__: 'latency', job: 'web', instance }));
      // Two observations more in bucket 1 every 15s: count 2n, buckets [n, n].
      for (let t = T0 - 60_000, n = 1; t <= T0 + 2 * 60_000; t += 15_000, n++) {
        head.appendHistogram(ref, t, new FloatHistogram(0, 0, 0, 2 * n, 3 * n, 0, [n, n]));
      }
    }
    await clock.advance(60_000);
    // The latest input point at the last evaluation, summed over both instances.
    const n = 2 * (Math.floor((mgr.groups()[0].lastEvaluation! - (T0 - 60_000)) / 15_000) + 1);
    const v = query('job:latency:sum');
    if (v.type !== 'vector') throw new Error(v.type);
    expect(v.samples).toHaveLength(1);
    const s = v.samples[0];
    expect(s.h).toBeDefined();
    expect([s.h!.count, s.h!.sum, s.h!.pBuckets]).toEqual([2 * n, 3 * n, [n, n]]);
    expect(query('histogram_count(job:latency:sum)')).toMatchObject({ type: 'vector', samples: [{ v: 2 * n }] });
  });
});
