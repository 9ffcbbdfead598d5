// Prometheus marks the end of a series with a special NaN (0x7ff0000000000002). JavaScript does not keep NaN
// payloads reliably, so the head keeps staleness as a flag beside the value and exposes it as `stale` arrays.
export const STALE_NAN_BITS = 0x7ff0000000000002n;
