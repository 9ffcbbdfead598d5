// Faults the apps read while serving: what an incident has done to a service right now. Apps ask on every
// request or scrape, so a change takes effect at once; an app with no faults behaves as the chapter's code does.

export interface ServiceFaults {
  /** Share of page requests answered with a 5xx; null keeps the app's own behaviour (image-gallery: 1 in 10). */
  errorRatio: number | null;
  /** Added to every page request's handling time, in ms of virtual time. */
  extraLatencyMs: number;
  /** Heap that is never freed, growing at this many bytes per second. */
  heapLeakBytesPerSec: number;
  /** Goroutines started and never ended, per second. */
  goroutineLeakPerSec: number;
}

const NONE: ServiceFaults = { errorRatio: null, extraLatencyMs: 0, heapLeakBytesPerSec: 0, goroutineLeakPerSec: 0 };

export class Faults {
  private readonly byService = new Map<string, ServiceFaults>();

  for(service: string): Readonly<ServiceFaults> {
    return this.byService.get(service) ?? NONE;
  }

  set(service: string, change: Partial<ServiceFaults>): void {
    this.byService.set(service, { ...this.for(service), ...change });
  }
}
