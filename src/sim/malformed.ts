// A broken exporter for fault injection: the exposition with one sample line's closing brace lost, the kind of bug
// a hand-written /metrics handler ships. Prometheus rejects the whole scrape, so the target goes DOWN with the
// parser's error while the process itself is fine.

/** Drops the `}` of the first sample line with labels; text without one gets an unterminated label set appended. */
export function malformExposition(body: string): string {
  const lines = body.split('\n');
  const i = lines.findIndex((l) => !l.startsWith('#') && /\{.*\}/.test(l));
  if (i < 0) return `${body}broken_metric{label="value" 1\n`;
  lines[i] = lines[i].replace(/\}(?=[^}]*$)/, '');
  return lines.join('\n');
}
