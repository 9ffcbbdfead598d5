// Go's number and value printing as text/template shows it: fmt's %v, %g, %e, %f, %d, %s, %q and printf.

/** strconv.FormatFloat(v, 'g', prec, 64) with Go's rules; prec -1 is the shortest exact form (what %v prints). */
export function formatG(v: number, prec = -1): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const shortest = prec < 0;
  const [mant, expText] = (shortest ? v.toExponential() : v.toExponential(Math.max(0, (prec || 1) - 1))).split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace(/[-.]/g, '').replace(/0+$/, '') || '0';
  const exp = Number(expText);
  // %e when the exponent is below -4 or at least the precision (6 for the shortest form), as strconv does.
  let eprec = shortest ? 6 : prec || 1;
  if (!shortest && eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= eprec) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** %e with a precision (default 6). */
function formatE(v: number, prec: number): string {
  if (!Number.isFinite(v)) return formatG(v);
  const [m, e] = v.toExponential(prec).split('e');
  const n = Math.abs(Number(e));
  return `${m}e${e.startsWith('-') ? '-' : '+'}${n < 10 ? '0' : ''}${n}`;
}

/** fmt's %v for the values templates handle. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  if (typeof v === 'number') return formatG(v);
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
        out = typeof arg === 'number' && prec !== undefined && verb === 'v' ? formatG(arg, prec) : formatValue(arg);
        if (verb === 's' && prec !== undefined) out = out.slice(0, prec);
        break;
      case 'd':
        out = Number.isInteger(num) ? String(num) : `%!d(${typeof arg === 'number' ? 'float64' : 'string'}=${formatValue(arg)})`;
        break;
      case 'f':
      case 'F':
        out = typeof arg === 'number' ? (Number.isFinite(num) ? num.toFixed(prec ?? 6) : formatG(num)) : `%!f(string=${formatValue(arg)})`;
        break;
      case 'g':
        out = typeof arg === 'number' ? formatG(num, prec ?? -1) : `%!g(string=${formatValue(arg)})`;
        break;
      case 'e':
        out = typeof arg === 'number' ? formatE(num, prec ?? 6) : `%!e(string=${formatValue(arg)})`;
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
