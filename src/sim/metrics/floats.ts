// Float formatting of the three client libraries. All start from the shortest round-trip digits JavaScript gives.

/** Shortest digits and decimal exponent: 2112000 → { digits: '2112', exp: 6 }. */
function shortest(v: number): { mantissa: string; exp: number } {
  const [m, e] = Math.abs(v).toExponential().split('e');
  return { mantissa: m, exp: Number(e) };
}

/** Java's Double.toString as simpleclient prints it (via doubleToGoString for the specials). */
export function javaDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  const { mantissa, exp } = shortest(v);
  return `${v < 0 ? '-' : ''}${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp}`;
}

/** prom-client 11's getValueAsString: JavaScript's own number text, with its spelling of the specials ('Nan'). */
export function jsNumber(v: number): string {
  if (Number.isNaN(v)) return 'Nan';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
