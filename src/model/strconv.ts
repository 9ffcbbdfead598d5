// Go's strconv.FormatFloat(v, fmt, prec, 64) for the three formats Prometheus prints numbers with: 'f' (API
// sample values, count_values labels), 'g' (%g and %v: exposition text, annotations, templates, histogram
// strings) and 'e' (alert values in /api/v1/alerts). Precision -1 is the shortest text that reads back as v.
// The specials are Go's: "+Inf", "-Inf", "NaN"; negative zero keeps its sign.

export type FloatFormat = 'f' | 'g' | 'e';

/** Decimal digits without trailing zeros and the exponent of the first one: 1234.5 → { digits: '12345', exp: 3 }. */
function decimal(abs: number, prec: number): { digits: string; exp: number } {
  const [mant, expText] = (prec < 0 ? abs.toExponential() : abs.toExponential(prec)).split('e');
  return { digits: mant.replace('.', '').replace(/0+$/, '') || '0', exp: Number(expText) };
}

function exponent(sign: string, digits: string, exp: number, minDigits: number): string {
  const frac = digits.slice(1).padEnd(minDigits - 1, '0');
  const e = Math.abs(exp);
  return `${sign}${digits[0]}${frac ? `.${frac}` : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

function positional(sign: string, digits: string, exp: number, minFrac: number): string {
  let int: string;
  let frac: string;
  if (exp < 0) {
    int = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  } else {
    int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  }
  frac = frac.padEnd(minFrac, '0');
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

export function formatFloat(v: number, fmt: FloatFormat, prec = -1): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const abs = Math.abs(v);
  switch (fmt) {
    case 'e': {
      const { digits, exp } = abs === 0 ? { digits: '0', exp: 0 } : decimal(abs, prec);
      return exponent(sign, digits, exp, prec < 0 ? 1 : prec + 1);
    }
    case 'f': {
      if (prec >= 0) return sign + abs.toFixed(prec);
      const { digits, exp } = abs === 0 ? { digits: '0', exp: 0 } : decimal(abs, -1);
      return positional(sign, digits, exp, 0);
    }
    case 'g': {
      // Go: %e when the exponent is below -4 or at least the precision (6 for the shortest form); a given
      // precision counts significant digits and trailing zeros are never added.
      const p = prec === 0 ? 1 : prec;
      const { digits, exp } = abs === 0 ? { digits: '0', exp: 0 } : decimal(abs, p < 0 ? -1 : p - 1);
      let eprec = p < 0 ? 6 : p;
      if (p >= 0 && eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
      if (exp < -4 || exp >= eprec) return exponent(sign, digits, exp, 1);
      return positional(sign, digits, exp, 0);
    }
  }
}
