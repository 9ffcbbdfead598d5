// Prometheus' default --query.lookback-delta: how far back an instant vector selector looks for a sample.

export const DEFAULT_LOOKBACK_DELTA_MS = 5 * 60_000;
