// The simulated Alertmanager on the virtual clock: config errors, routing, grouping timers, receivers'
// payloads, dedup and repeat, silences and inhibition.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/clock.ts';
import { Alertmanager } from '../../src/alertmanager/alertmanager.ts';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { fingerprint } from '../../src/model/hash/labels.ts';
import type { PostableAlert } from '../../src/rules/types.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function setup(yaml = DEFAULT_ALERTMANAGER_YAML) {
  const clock = new VirtualClock(T0);
  const am = new Alertmanager({ clock });
  const r = am.applyConfig(yaml);
  expect(r).toMatchObject({ ok: true });
  return { clock, am };
}

function alert(labels: Record<string, string>, clock: VirtualClock, opts: { startsAt?: number; resolved?: boolean } = {}): PostableAlert {
  const now = clock.now();
  return {
    labels,
    annotations: { summary: `${labels.alertname} on ${labels.job}` },
    startsAt: opts.startsAt ?? now,
    endsAt: opts.resolved ? now : now + 4 * 60_000,
    generatorURL: 'http://localhost:9090/graph?g0.expr=x&g0.tab=1',
  };
}

const HIGH = { alertname: 'ImageGalleryHighErrorRate', job: 'image-gallery', severity: 'critical' };

describe('alertmanager.yml', () => {
  it('reports errors with line:col and Alertmanager wording', () => {
    const r = loadAlertmanagerConfig(
      ['route:', '  group_by: [a, a]', '  routes:', '    - receiver: nobody', 'receivers:', '  - name: x', '    slack_configs:', '      - channel: "#c"', '  - name: x'].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      '1:1: root route must specify a default receiver',
      '2:17: duplicated label "a" in group_by',
      '4:17: undefined receiver "nobody" used in route',
      '8:9: no global Slack API URL set either inline or in a file',
      '9:5: notification config name "x" is not unique',
    ]);
  });

  it('refuses a notification template calling an unknown function', () => {
    const r = loadAlertmanagerConfig(DEFAULT_ALERTMANAGER_YAML.replace("title: '{{ template \"slack.default.title\" . }}'", "title: '{{ .Status | upper }}'"));
    expect(r).toMatchObject({ ok: false, errors: [{ line: 27, col: 16, message: 'template: title:1: function "upper" not defined' }] });
  });

  it('keeps the running config when a new one is invalid', () => {
    const { am } = setup();
    expect(am.applyConfig('route: {receiver: x}\nreceivers: []\n').ok).toBe(false);
    expect(am.configText()).toBe(DEFAULT_ALERTMANAGER_YAML);
    expect(am.lastReload().ok).toBe(false);
  });
});

describe('routing, grouping and receivers', () => {
  it('waits group_wait, then posts a realistic Slack message, an email and nothing else', async () => {
    const { clock, am } = setup();
    am.receive([alert(HIGH, clock)]);
    await clock.advance(9_000);
    expect(am.inbox()).toHaveLength(0);
    await clock.advance(1_000);
    const inbox = am.inbox();
    expect(inbox.map((n) => `${n.receiver}/${n.integration}`)).toEqual(['slack-alerts/slack', 'oncall-email/email']);
    const slack = inbox[0];
    expect(slack.time).toBe(T0 + 10_000);
    expect(slack.title).toBe('[FIRING:1] ImageGalleryHighErrorRate image-gallery (critical)');
    expect(slack.text).toBe('*ImageGalleryHighErrorRate* (critical): ImageGalleryHighErrorRate on image-gallery\n');
    expect(slack.color).toBe('danger');
    const body = JSON.parse(slack.payload);
    expect(body).toMatchObject({
      channel: '#image-gallery-alerts',
      username: 'Alertmanager',
      attachments: [{ title: slack.title, title_link: 'http://alertmanager:9093/#/alerts?receiver=slack-alerts', color: 'danger', mrkdwn_in: ['fallback', 'pretext', 'text'] }],
    });
    const email = inbox[1];
    expect(email.destination).toBe('oncall@example.org');
    expect(email.payload).toContain('Subject: [FIRING:1] ImageGalleryHighErrorRate image-gallery (critical)');
    expect(email.text).toContain(' - severity = critical');
  });

  it('groups alerts, dedups between flushes, repeats after repeat_interval and sends resolved', async () => {
    const { clock, am } = setup();
    am.receive([alert(HIGH, clock)]);
    await clock.advance(10_000);
    const slackCount = () => am.inbox().filter((n) => n.integration === 'slack').length;
    expect(slackCount()).toBe(1);
    // Prometheus re-sends every minute; nothing changed, so group_interval flushes stay quiet.
    for (let i = 0; i < 5; i++) {
      am.receive([alert(HIGH, clock, { startsAt: T0 })]);
      await clock.advance(60_000);
    }
    expect(slackCount()).toBe(1);
    // A second alert in the same group (same alertname and job) joins the next flush.
    am.receive([alert({ ...HIGH, instance: 'b' }, clock), alert(HIGH, clock, { startsAt: T0 })]);
    await clock.advance(60_000);
    expect(slackCount()).toBe(2);
    expect(am.inbox().filter((n) => n.integration === 'slack')[1].title).toBe('[FIRING:2] ImageGalleryHighErrorRate image-gallery (critical)');
    // Both resolve: one resolved notification with status resolved.
    am.receive([alert(HIGH, clock, { startsAt: T0, resolved: true }), alert({ ...HIGH, instance: 'b' }, clock, { resolved: true })]);
    await clock.advance(60_000);
    const last = am.inbox().filter((n) => n.integration === 'slack').at(-1)!;
    expect(last.status).toBe('resolved');
    expect(last.title).toBe('[RESOLVED] ImageGalleryHighErrorRate image-gallery (critical)');
    expect(last.color).toBe('good');
    expect(am.alerts()).toHaveLength(0);
    expect(am.groups()).toHaveLength(0);
  });

  it('repeats an unchanged notification once repeat_interval has passed', async () => {
    const { clock, am } = setup();
    const slackTimes = () => am.inbox().filter((n) => n.integration === 'slack').map((n) => n.time - T0);
    // Prometheus keeps re-sending the firing alert every minute for 70 minutes.
    for (let m = 0; m < 70; m++) {
      am.receive([alert(HIGH, clock, { startsAt: T0 })]);
      await clock.advance(60_000);
    }
    // group_wait 10s, then a flush every group_interval (1m); repeat_interval 1h: the first flush strictly after 1h10s.
    expect(slackTimes()).toEqual([10_000, 3_670_000]);
  });

  it('fails a notification whose template fails, and says why', async () => {
    const { clock, am } = setup(DEFAULT_ALERTMANAGER_YAML.replace("title: '{{ template \"slack.default.title\" . }}'", "title: '{{ template \"slack.custom.title\" . }}'"));
    am.receive([alert(HIGH, clock)]);
    await clock.advance(10_000);
    expect(am.inbox().map((n) => n.integration)).toEqual(['email']);
    expect(am.notifyErrors()).toMatchObject([
      { receiver: 'slack-alerts', integration: 'slack', message: 'template: title:1: executing "title": no such template "slack.custom.title"' },
    ]);
  });

  it('sends the webhook payload (version 4) for warnings', async () => {
    const { clock, am } = setup();
    am.receive([alert({ alertname: 'ImageGalleryDown', job: 'iotd-api', severity: 'warning' }, clock)]);
    await clock.advance(10_000);
    const [n] = am.inbox();
    expect(n.integration).toBe('webhook');
    const body = JSON.parse(n.payload);
    expect(body).toMatchObject({
      receiver: 'webhook-tools',
      status: 'firing',
      version: '4',
      groupKey: '{}/{severity="warning"}:{alertname="ImageGalleryDown", job="iotd-api"}',
      truncatedAlerts: 0,
      groupLabels: { alertname: 'ImageGalleryDown', job: 'iotd-api' },
      alerts: [{ status: 'firing', endsAt: '0001-01-01T00:00:00Z', startsAt: '2026-11-24T09:00:00Z' }],
    });
    expect(body.alerts[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('mutes silenced alerts and inhibits warnings while a critical alert of the job fires', async () => {
    const { clock, am } = setup();
    const warning = { alertname: 'ImageGalleryDown', job: 'image-gallery', severity: 'warning' };
    am.receive([alert(HIGH, clock), alert(warning, clock)]);
    const views = am.alerts();
    expect(views.find((v) => v.alert.labels.severity === 'warning')).toMatchObject({ state: 'suppressed', inhibitedBy: [fingerprint(HIGH)] });
    await clock.advance(10_000);
    expect(am.inbox().some((n) => n.integration === 'webhook')).toBe(false);

    expect(() => am.addSilence({ matchers: [{ name: 'job', value: '.*', isRegex: true, isEqual: true }], startsAt: clock.now(), endsAt: clock.now() + 3600_000, createdBy: 'me', comment: 'x' })).toThrow(
      'at least one matcher must not match the empty string',
    );
    const s = am.addSilence({
      matchers: [{ name: 'alertname', value: 'ImageGalleryHighErrorRate', isRegex: false, isEqual: true }],
      startsAt: clock.now(),
      endsAt: clock.now() + 3600_000,
      createdBy: 'learner',
      comment: 'known issue',
    });
    am.receive([alert({ ...HIGH, instance: 'c' }, clock)]);
    await clock.advance(60_000);
    // The new alert is silenced: no [FIRING:2] message.
    expect(am.inbox().filter((n) => n.integration === 'slack')).toHaveLength(1);
    expect(am.alerts().find((v) => v.alert.labels.instance === 'c')).toMatchObject({ state: 'suppressed', silencedBy: [s.id] });
    am.expireSilence(s.id);
    expect(am.silences()[0].state).toBe('expired');

    // Saved and restored (the page's Store), the silences come back and new ids continue after them.
    const again = new Alertmanager({ clock });
    again.applyConfig(DEFAULT_ALERTMANAGER_YAML);
    again.restoreSilences(structuredClone(am.silences()));
    expect(again.silences().map((x) => [x.id, x.state, x.comment])).toEqual([[s.id, 'expired', 'known issue']]);
    const next = again.addSilence({ matchers: [{ name: 'job', value: 'x', isRegex: false, isEqual: true }], startsAt: clock.now(), endsAt: clock.now() + 60_000, createdBy: 'a', comment: 'b' });
    expect(Number(next.id)).toBe(Number(s.id) + 1);
  });
});
