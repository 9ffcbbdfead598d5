// Formatting shared by the pages: durations, times, sample values, response-code tallies, graph steps.

/** "850ms", "3.2s", "1m5s", "2h3m" — like Prometheus' UI. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60}s`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local "YYYY-MM-DD HH:MM:SS". */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** Sample values as Prometheus prints them: NaN, +Inf, -Inf, otherwise the shortest exact decimal. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** "9 × 200, 1 × 500": how many responses had each status code, codes ascending. */
export function tallyStatuses(codes: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.keys()]
    .sort((a, b) => a - b)
    .map((c) => `${counts.get(c)} × ${c}`)
    .join(', ');
}

/** The graph's resolution: about 250 points over the range, in whole seconds (at least 1 s). */
export function graphStep(rangeMs: number): number {
  return Math.max(1, Math.round(rangeMs / 250 / 1000)) * 1000;
}

/** The line of `text` holding offset `start`, and where under it to draw a marker for [start, end). */
export function underline(text: string, start: number, end: number): { line: number; text: string; col: number; width: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', start);
  const lineEnd = nl < 0 ? text.length : nl;
  const line = text.slice(0, lineStart).split('\n').length;
  const col = start - lineStart;
  return { line, text: text.slice(lineStart, lineEnd), col, width: Math.max(1, Math.min(end, lineEnd) - start) };
}
