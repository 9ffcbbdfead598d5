// Grafana's value formats for the units a panel can pick (fieldConfig.defaults.unit), as Grafana prints them:
// `short` scales by 1000 with K/Mil/Bil, `bytes` by 1024 with IEC suffixes, `s` switches to min/hour/day.

export const UNITS = ['none', 'short', 'percent', 'percentunit', 'bytes', 'decbytes', 's', 'ms'] as const;
export type Unit = (typeof UNITS)[number];

export function isUnit(s: string): s is Unit {
  return (UNITS as readonly string[]).includes(s);
}

/** Decimals when the panel sets none: about three significant digits, like Grafana's auto decimals. */
function autoDecimals(v: number): number {
  const a = Math.abs(v);
  if (a === 0 || a >= 100) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  return Math.min(6, 2 - Math.floor(Math.log10(a)));
}

function fixed(v: number, decimals: number | undefined): string {
  const s = v.toFixed(decimals ?? autoDecimals(v));
  // Auto decimals drop trailing zeros ("2.50" → "2.5"); explicit ones are kept as asked.
  return decimals === undefined && s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function scaled(v: number, base: number, suffixes: readonly string[], decimals: number | undefined): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < suffixes.length - 1) {
    x /= base;
    i++;
  }
  return fixed(x, decimals) + suffixes[i];
}

const SHORT = ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint', ' Sext', ' Sept'];
const IEC = [' B', ' KiB', ' MiB', ' GiB', ' TiB', ' PiB', ' EiB'];
const SI_BYTES = [' B', ' kB', ' MB', ' GB', ' TB', ' PB', ' EB'];

function seconds(v: number, decimals: number | undefined): string {
  const a = Math.abs(v);
  if (a < 1 && a !== 0) return `${fixed(v * 1000, decimals)} ms`;
  if (a < 60) return `${fixed(v, decimals)} s`;
  if (a < 3600) return `${fixed(v / 60, decimals)} min`;
  if (a < 86400) return `${fixed(v / 3600, decimals)} hour`;
  if (a < 604800) return `${fixed(v / 86400, decimals)} day`;
  return `${fixed(v / 604800, decimals)} week`;
}

/** A sample value in `unit`; NaN and infinities as Prometheus writes them. Unknown units print like `none`. */
export function formatUnit(v: number, unit: string | undefined, decimals?: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'short':
      return scaled(v, 1000, SHORT, decimals);
    case 'bytes':
      return scaled(v, 1024, IEC, decimals);
    case 'decbytes':
      return scaled(v, 1000, SI_BYTES, decimals);
    case 'percent':
      return `${fixed(v, decimals)}%`;
    case 'percentunit':
      return `${fixed(v * 100, decimals)}%`;
    case 's':
      return seconds(v, decimals);
    case 'ms':
      return seconds(v / 1000, decimals);
    default:
      return fixed(v, decimals);
  }
}
