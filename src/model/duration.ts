// Prometheus' duration format (prometheus/common model.ParseDuration), in milliseconds.

// Units must appear from biggest to smallest, so "1m1d" is rejected rather than read as a month.
const UNITS: Record<string, { pos: number; ms: number }> = {
  y: { pos: 1, ms: 365 * 24 * 3600_000 },
  w: { pos: 2, ms: 7 * 24 * 3600_000 },
  d: { pos: 3, ms: 24 * 3600_000 },
  h: { pos: 4, ms: 3600_000 },
  m: { pos: 5, ms: 60_000 },
  s: { pos: 6, ms: 1000 },
  ms: { pos: 7, ms: 1 },
};

// Go's time.Duration is int64 nanoseconds: about 292 years.
const MAX_MS = Number((2n ** 63n - 1n) / 1_000_000n);

export class DurationError extends Error {}

/** Parses "1h30m", "500ms", "1y", "0"; throws DurationError with Prometheus' message. */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  if (text === '') throw new DurationError('empty duration string');
  const invalid = () => new DurationError(`not a valid duration string: ${JSON.stringify(text)}`);
  let rest = text;
  let total = 0;
  let lastPos = 0;
  while (rest !== '') {
    const digits = /^[0-9]+/.exec(rest);
    if (!digits) throw invalid();
    rest = rest.slice(digits[0].length);
    const unitText = /^[^0-9]*/.exec(rest)![0];
    if (unitText === '') throw invalid();
    rest = rest.slice(unitText.length);
    const unit = UNITS[unitText];
    if (!unit) throw new DurationError(`unknown unit ${JSON.stringify(unitText)} in duration ${JSON.stringify(text)}`);
    if (unit.pos <= lastPos) throw invalid();
    lastPos = unit.pos;
    total += Number(digits[0]) * unit.ms;
    if (total > MAX_MS) throw new DurationError('duration out of range');
  }
  return total;
}

/** Prometheus' canonical duration text (model.Duration.String): "1m", "1h30m", "500ms", "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.abs(ms);
  let out = '';
  // Years and weeks only when they divide evenly: "90d" reads better than "12w6d".
  const part = (unit: string, size: number, exact: boolean) => {
    if (exact && rest % size !== 0) return;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  };
  part('y', UNITS.y.ms, true);
  part('w', UNITS.w.ms, true);
  for (const unit of ['d', 'h', 'm', 's', 'ms']) part(unit, UNITS[unit].ms, false);
  return ms < 0 ? `-${out}` : out;
}
