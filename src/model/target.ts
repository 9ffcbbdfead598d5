// A scrape target's health as Prometheus reports it (scrape.TargetHealth): unknown until its first scrape ends.

export type TargetHealth = 'up' | 'down' | 'unknown';
