// The simulated Alertmanager's HTTP API v2 at localhost:9093 (and alertmanager:9093 inside the network), so
// `curl` in the terminal sees what the Alertmanager page shows: alerts, groups, silences, receivers, status.
// JSON follows Alertmanager's OpenAPI spec (api/v2/openapi.yaml).

import type { PostableAlert } from '../rules/types.ts';
import type { Alertmanager } from './alertmanager.ts';
import { SilenceError } from './silences.ts';
import type { AlertView, AmAlert, SilenceMatcher } from './types.ts';
import { servesAlertmanagerApi } from '../sim/address.ts';


function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** A time field of a posted alert or silence: RFC 3339, or absent (0). */
function parseTime(v: unknown, field: string): number {
  if (v === undefined || v === null || v === '') return 0;
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw new BadRequest(`${field} in body must be of type date-time: ${JSON.stringify(v)}`);
  return ms;
}

class BadRequest extends Error {}

function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new BadRequest(`${field} in body must be of type object`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw new BadRequest(`${field}.${k} in body must be of type string`);
    out[k] = x;
  }
  return out;
}

function gettableAlert(v: AlertView, now: number): Record<string, unknown> {
  const a: AmAlert = v.alert;
  return {
    annotations: a.annotations,
    endsAt: rfc3339(a.endsAt),
    fingerprint: a.fingerprint,
    receivers: v.receivers.map((name) => ({ name })),
    startsAt: rfc3339(a.startsAt),
    status: { inhibitedBy: v.inhibitedBy, silencedBy: v.silencedBy, state: a.endsAt <= now ? 'unprocessed' : v.state },
    updatedAt: rfc3339(a.updatedAt),
    generatorURL: a.generatorURL,
    labels: a.labels,
  };
}

export class AlertmanagerApi {
  private readonly started: number;

  constructor(
    private readonly am: Alertmanager,
    private readonly clock: { now(): number },
  ) {
    this.started = clock.now();
  }

  serves(url: string): boolean {
    return servesAlertmanagerApi(url);
  }

  async handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const method = request.method;
    try {
      if (path === '/-/healthy' || path === '/-/ready') return text(200, 'OK');
      if (path === '/api/v2/status' && method === 'GET') return json(200, this.status());
      if (path === '/api/v2/receivers' && method === 'GET') return json(200, this.am.receivers().map((r) => ({ name: r.name })));
      if (path === '/api/v2/alerts' && method === 'GET') return json(200, this.alerts());
      if (path === '/api/v2/alerts' && method === 'POST') return this.postAlerts(await request.text());
      if (path === '/api/v2/alerts/groups' && method === 'GET') return json(200, this.groups());
      if (path === '/api/v2/silences' && method === 'GET') return json(200, this.silences());
      if (path === '/api/v2/silences' && method === 'POST') return this.postSilence(await request.text());
      const silence = /^\/api\/v2\/silence\/([^/]+)$/.exec(path);
      if (silence && method === 'GET') {
        const s = this.silences().find((x) => x.id === silence[1]);
        return s ? json(200, s) : text(404, '');
      }
      if (silence && method === 'DELETE') {
        this.am.expireSilence(decodeURIComponent(silence[1]));
        return text(200, '');
      }
      return text(404, 'Not Found');
    } catch (err) {
      if (err instanceof SilenceError) return json(err.message === 'silence not found' ? 404 : 400, err.message);
      if (err instanceof BadRequest) return json(400, err.message);
      throw err;
    }
  }

  private status(): Record<string, unknown> {
    return {
      cluster: { status: 'disabled', peers: [] },
      config: { original: this.am.configText() },
      uptime: rfc3339(this.started),
      versionInfo: { version: 'promlab', branch: '', buildDate: '', buildUser: '', goVersion: '', revision: '' },
    };
  }

  private alerts(): Record<string, unknown>[] {
    const now = this.clock.now();
    return this.am.alerts().map((v) => gettableAlert(v, now));
  }

  private groups(): Record<string, unknown>[] {
    const now = this.clock.now();
    const views = new Map(this.am.alerts().map((v) => [v.alert.fingerprint, v]));
    return this.am.groups().map((g) => ({
      labels: g.labels,
      receiver: { name: g.receiver },
      alerts: g.alerts.flatMap((a) => {
        const v = views.get(a.fingerprint);
        return v ? [gettableAlert(v, now)] : [];
      }),
    }));
  }

  private silences(): (Record<string, unknown> & { id: string })[] {
    return this.am.silences().map((s) => ({
      id: s.id,
      status: { state: s.state },
      updatedAt: rfc3339(s.updatedAt),
      comment: s.comment,
      createdBy: s.createdBy,
      endsAt: rfc3339(s.endsAt),
      matchers: s.matchers,
      startsAt: rfc3339(s.startsAt),
    }));
  }

  private postAlerts(body: string): Response {
    const list = parseBody(body);
    if (!Array.isArray(list)) throw new BadRequest('body must be an array of alerts');
    const alerts: PostableAlert[] = list.map((raw, i) => {
      if (typeof raw !== 'object' || raw === null) throw new BadRequest(`[${i}] in body must be of type object`);
      const r = raw as Record<string, unknown>;
      const labels = stringMap(r.labels, `[${i}].labels`);
      if (Object.keys(labels).length === 0) throw new BadRequest(`[${i}].labels in body is required`);
      return {
        labels,
        annotations: stringMap(r.annotations, `[${i}].annotations`),
        startsAt: parseTime(r.startsAt, `[${i}].startsAt`),
        endsAt: parseTime(r.endsAt, `[${i}].endsAt`),
        generatorURL: typeof r.generatorURL === 'string' ? r.generatorURL : '',
      };
    });
    this.am.receive(alerts);
    return text(200, '');
  }

  private postSilence(body: string): Response {
    const raw = parseBody(body);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BadRequest('body must be a silence object');
    const r = raw as Record<string, unknown>;
    const matchers: SilenceMatcher[] = (Array.isArray(r.matchers) ? r.matchers : []).map((m: unknown) => {
      const x = (m ?? {}) as Record<string, unknown>;
      return { name: String(x.name ?? ''), value: String(x.value ?? ''), isRegex: x.isRegex === true, isEqual: x.isEqual !== false };
    });
    const s = this.am.addSilence({
      matchers,
      startsAt: parseTime(r.startsAt, 'startsAt') || this.clock.now(),
      endsAt: parseTime(r.endsAt, 'endsAt'),
      createdBy: typeof r.createdBy === 'string' ? r.createdBy : '',
      comment: typeof r.comment === 'string' ? r.comment : '',
    });
    return json(200, { silenceID: s.id });
  }
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new BadRequest(`parsing body: ${err instanceof Error ? err.message : String(err)}`);
  }
}

