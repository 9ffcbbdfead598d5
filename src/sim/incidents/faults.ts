// Faults the apps read while serving: what an incident or a drill has done to a service right now. Apps ask on
// every request or scrape, so a change takes effect at once; an app with no faults behaves as the chapter's code does.

export interface RouteErrors {
  /** The request path (without query) that fails. */
  path: string;
  /** Share of that path's requests answered with a 500. */
  ratio: number;
}

export interface ServiceFaults {
  /** Share of page requests answered with a 5xx; null keeps the app's own behaviour (image-gallery: 1 in 10). */
  errorRatio: number | null;
  /** One route fails while the others work (image-gallery: a bad handler for one path). */
  routeErrors: RouteErrors | null;
  /** Added to every page request's handling time, in ms of virtual time (iotd: to GET /image). */
  extraLatencyMs: number;
  /** Heap that is never freed, growing at this many bytes per second. */
  heapLeakBytesPerSec: number;
  /** Goroutines started and never ended, per second. */
  goroutineLeakPerSec: number;
  /** The metrics endpoint alone answers this late (virtual ms): a slow collector, the app itself is fine. */
  metricsLatencyMs: number;
  /** iotd: NASA's APOD API rejects every call, so the image of the day falls back to a stock image. */
  upstreamFailing: boolean;
}

const NONE: ServiceFaults = {
  errorRatio: null,
  routeErrors: null,
  extraLatencyMs: 0,
  heapLeakBytesPerSec: 0,
  goroutineLeakPerSec: 0,
  metricsLatencyMs: 0,
  upstreamFailing: false,
};

export class Faults {
  private readonly byService = new Map<string, ServiceFaults>();

  for(service: string): Readonly<ServiceFaults> {
    return this.byService.get(service) ?? NONE;
  }

  set(service: string, change: Partial<ServiceFaults>): void {
    this.byService.set(service, { ...this.for(service), ...change });
  }

  /** Every fault of every service cleared. */
  clear(): void {
    this.byService.clear();
  }
}
