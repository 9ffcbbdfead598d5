// A target group as service discovery reports it (Prometheus' discovery/targetgroup): targets are label sets
// carrying at least __address__; the group's labels apply to each of them.

export interface TargetGroup {
  /** Identifies the group within its provider, so an update replaces the right one. */
  readonly source: string;
  readonly targets: Record<string, string>[];
  readonly labels: Record<string, string>;
}

/** A discovery mechanism: refreshes its groups on demand. */
export interface Discoverer {
  refresh(): Promise<TargetGroup[]>;
  /** How often to refresh, in ms; 0 for mechanisms whose groups never change (static). */
  readonly refreshInterval: number;
  /** For mechanisms that can tell when their source changed (files): calls back on change; returns the unsubscribe. */
  watch?(onChange: () => void): () => void;
}
