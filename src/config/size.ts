// Prometheus' <size> (body_size_limit): a number and a base-2 unit, parsed like alecthomas/units.ParseBase2Bytes —
// B, KB or KiB, MB or MiB, … up to EB; fractions and sums ("1.5GB", "1GB512MB") are allowed, "0" needs no unit.

const POWERS: Record<string, number> = { B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

export class SizeError extends Error {}

/** Bytes; throws SizeError with the units package's wording. */
export function parseSize(text: string): number {
  if (text === '0') return 0;
  if (text === '') throw new SizeError(`units: invalid ${text}`);
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const m = /^(\d*\.?\d*)([^0-9.]*)/.exec(rest)!;
    if (m[1] === '' || m[1] === '.') throw new SizeError(`units: invalid ${text}`);
    const unit = m[2];
    const power = unit === 'B' ? 0 : /^[KMGTPE](i?B)$/.test(unit) ? POWERS[unit[0]] : undefined;
    if (power === undefined) throw new SizeError(`units: unknown unit ${unit} in ${text}`);
    total += Number(m[1]) * 1024 ** power;
    rest = rest.slice(m[0].length);
  }
  return Math.floor(total);
}
