// image-gallery (ch09/exercises/image-gallery/main.go): the web front on port 80. Every path but /metrics runs the
// instrumented index handler: about 1 in 10 requests fails with 500 before calling the APIs (`rand.Intn(10) > 8`),
// the rest fetch the image of the day from iotd, log the access to accesslog and render the page.

import type { Clock } from '../../clock/clock.ts';
import { commonLog, goLog } from '../../logs/formats.ts';
import type { LogWriter } from '../../logs/store.ts';
import type { Random } from '../random.ts';
import type { ServiceFaults } from '../incidents/faults.ts';
import { Registry } from '../metrics/registry.ts';
import { GO_CONTENT_TYPE, writeGoText } from '../metrics/text-go.ts';
import { GoRuntime } from './runtime/go.ts';
import { textResponse, type App, type AppRequest, type AppResponse, type Upstream } from './types.ts';

export const IMAGE_API_URL = 'http://iotd/image';
export const ACCESS_API_URL = 'http://accesslog/access-log';

interface Image {
  url: string;
  caption: string;
  copyright: string;
}

export class ImageGallery implements App {
  readonly port = 80;
  private readonly registry = new Registry();
  private readonly runtime: GoRuntime;
  private readonly inFlight;
  private readonly requests;
  private readonly scrapesInFlight;
  private readonly scrapes;

  private lastLeak: number;

  constructor(
    private readonly clock: Clock,
    private readonly rng: Random,
    startedAt: number,
    private readonly upstream: Upstream,
    private readonly log: LogWriter,
    private readonly faults: () => Readonly<ServiceFaults> | undefined = () => undefined,
  ) {
    this.lastLeak = startedAt;
    const reg = this.registry;
    this.runtime = new GoRuntime(reg, rng, startedAt, {
      goVersion: 'go1.13.15',
      baseGoroutines: 7,
      liveHeap: 1.4e6,
      idleAllocRate: 3000,
      threads: 7,
      openFds: 9,
      maxFds: 1048576,
      virtualMemory: 113_000_000,
      residentBase: 5_500_000,
    });
    this.inFlight = reg.gauge({ name: 'image_gallery_in_flight_requests', help: 'Image Gallery - in-flight requests' }).labels();
    this.requests = reg.counter({ name: 'image_gallery_requests_total', help: 'Image Gallery - total requests', labelNames: ['code', 'method'] });
    this.scrapesInFlight = reg.gauge({ name: 'promhttp_metric_handler_requests_in_flight', help: 'Current number of scrapes being served.' }).labels();
    this.scrapes = reg.counter({ name: 'promhttp_metric_handler_requests_total', help: 'Total number of scrapes by HTTP status code.', labelNames: ['code'] });
    for (const code of ['200', '500', '503']) this.scrapes.labels(code);
  }

  async handle(req: AppRequest): Promise<AppResponse> {
    if (req.path.split('?')[0] === '/metrics') return this.metrics();
    // InstrumentHandlerInFlight(InstrumentHandlerCounter(handler)): method label via sanitizeMethod (lower-case).
    this.inFlight.inc();
    this.runtime.setBusy(this.inFlight.value);
    try {
      const res = await this.index(req);
      this.requests.labels(String(res.status), req.method.toLowerCase()).inc();
      // An access line per request, as a LoggingHandler-wrapped Go server writes it.
      this.log(res.status >= 500 ? 'error' : 'info', commonLog(this.clock.now(), req.remoteAddr, req.method, req.path, res.status, res.body.length));
      return res;
    } finally {
      this.inFlight.dec();
      this.runtime.setBusy(this.inFlight.value);
    }
  }

  private async index(req: AppRequest): Promise<AppResponse> {
    const faults = this.faults();
    if (faults?.extraLatencyMs) await this.clock.sleep(faults.extraLatencyMs);
    // A broken handler for one path: its requests fail, every other path works as before.
    const route = faults?.routeErrors;
    if (route && req.path.split('?')[0] === route.path && this.rng.float() < route.ratio) {
      this.runtime.work(2048, 0.0001);
      this.log('error', goLog(this.clock.now(), `error rendering ${route.path}: template: index.html:8:16: executing "index.html" at <.Image.Date>: can't evaluate field Date in type main.Image`));
      return textResponse(500, 'Failed');
    }
    // An incident's error ratio replaces the book's 1 in 10; its failures are 500s and 503s.
    const ratio = faults?.errorRatio ?? null;
    if (ratio === null ? this.rng.intn(10) > 8 : this.rng.float() < ratio) {
      this.runtime.work(2048, 0.0001);
      if (ratio !== null && this.rng.intn(2) === 0) return textResponse(503, 'Service Unavailable');
      return textResponse(500, 'Failed');
    }
    // An unreachable API fails the request, as the handler's error paths do (inferred).
    let image: Image;
    try {
      const res = await this.upstream('GET', IMAGE_API_URL);
      image = JSON.parse(res.body) as Image;
      await this.upstream('POST', ACCESS_API_URL, JSON.stringify({ clientIp: req.remoteAddr }));
    } catch (err) {
      this.log('error', goLog(this.clock.now(), `error calling API: ${err instanceof Error ? err.message : String(err)}`));
      return textResponse(500, 'Failed');
    }
    this.runtime.work(48_000 + this.rng.intn(8000), 0.0008);
    return textResponse(200, renderPage(image), 'text/html; charset=utf-8');
  }

  private metrics(): AppResponse {
    this.scrapesInFlight.inc();
    const now = this.clock.now();
    const faults = this.faults();
    if (faults) {
      const dt = Math.max(0, now - this.lastLeak) / 1000;
      this.runtime.leak(faults.heapLeakBytesPerSec * dt, faults.goroutineLeakPerSec * dt);
    }
    this.lastLeak = now;
    this.runtime.refresh(now);
    // InstrumentMetricHandler: the in-flight gauge includes this scrape (it reads 1); the counter is bumped after
    // the body is written, so a scrape never counts itself.
    const body = writeGoText(this.registry.collect(now));
    this.scrapesInFlight.dec();
    this.scrapes.labels('200').inc();
    this.runtime.work(body.length * 3, 0.0002);
    return textResponse(200, body, GO_CONTENT_TYPE);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function renderPage(img: Image): string {
  return `<!DOCTYPE html>
<html>
<head><title>Image Gallery</title></head>
<body>
<h1>Image of the Day</h1>
<img src="${escapeHtml(img.url)}" alt="${escapeHtml(img.caption)}">
<p>${escapeHtml(img.caption)}</p>
<p><small>${escapeHtml(img.copyright)}</small></p>
</body>
</html>
`;
}
