// Go's number and value printing as text/template shows it: fmt's %v, %g, %e, %f, %d, %s, %q and printf.

import { formatFloat } from '../model/strconv.ts';

/** fmt's %v for the values templates handle. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  if (typeof v === 'number') return formatFloat(v, 'g');
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `map[${entries.map(([k, x]) => `${k}:${formatValue(x)}`).join(' ')}]`;
  }
  return String(v);
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %f %g %e %q %x %%, with width and precision. */
export function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width?: string, precText?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[i++];
    const prec = precText === undefined ? undefined : Number(precText);
    let out: string;
    const num = typeof arg === 'number' ? arg : NaN;
    switch (verb) {
      case 's':
      case 'v':
        out = typeof arg === 'number' && prec !== undefined && verb === 'v' ? formatFloat(arg, 'g', prec) : formatValue(arg);
        if (verb === 's' && prec !== undefined) out = out.slice(0, prec);
        break;
      case 'd':
        out = Number.isInteger(num) ? String(num) : `%!d(${typeof arg === 'number' ? 'float64' : 'string'}=${formatValue(arg)})`;
        break;
      case 'f':
      case 'F':
        out = typeof arg === 'number' ? (Number.isFinite(num) ? num.toFixed(prec ?? 6) : formatFloat(num, 'g')) : `%!f(string=${formatValue(arg)})`;
        break;
      case 'g':
        out = typeof arg === 'number' ? formatFloat(num, 'g', prec ?? -1) : `%!g(string=${formatValue(arg)})`;
        break;
      case 'e':
        out = typeof arg === 'number' ? formatFloat(num, 'e', prec ?? 6) : `%!e(string=${formatValue(arg)})`;
        break;
      case 'q':
        out = JSON.stringify(formatValue(arg));
        break;
      case 'x':
        out = typeof arg === 'number' ? Math.trunc(num).toString(16) : [...new TextEncoder().encode(formatValue(arg))].map((b) => b.toString(16).padStart(2, '0')).join('');
        break;
      default:
        out = `%!${verb}(${formatValue(arg)})`;
    }
    if (typeof arg === 'number' && flags.includes('+') && num >= 0 && 'dfeg'.includes(verb ?? '')) out = `+${out}`;
    const w = width === undefined ? 0 : Number(width);
    if (out.length < w) out = flags.includes('-') ? out.padEnd(w) : out.padStart(w, flags.includes('0') && typeof arg === 'number' ? '0' : ' ');
    return out;
  });
}
