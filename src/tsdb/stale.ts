// Prometheus marks the end of a series with a special NaN (0x7ff0000000000002). JavaScript does not keep NaN
// payloads through arithmetic, so chunks write this bit pattern themselves and iterators report it as a `stale`
// flag beside a plain NaN value.
export const STALE_NAN_HI = 0x7ff00000;
export const STALE_NAN_LO = 0x00000002;
