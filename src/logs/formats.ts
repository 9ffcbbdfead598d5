// Log lines as each runtime of the chapter's apps prints them, stamped with virtual time (containers run in UTC).

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(ms: number) {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    ms: pad(d.getUTCMilliseconds(), 3),
    d,
  };
}

/** Go's standard `log` package: `2026/11/24 23:45:01 message`. */
export function goLog(ms: number, message: string): string {
  const p = parts(ms);
  return `${p.date.replace(/-/g, '/')} ${p.time} ${message}`;
}

/**
 * Apache common log format, as Go's gorilla/handlers.LoggingHandler writes an access line:
 * `172.20.0.1 - - [24/Nov/2026:23:45:01 +0000] "GET / HTTP/1.1" 200 412`.
 */
export function commonLog(ms: number, remoteAddr: string, method: string, path: string, status: number, bytes: number): string {
  const p = parts(ms);
  const host = remoteAddr.replace(/:\d+$/, '');
  const stamp = `${pad(p.d.getUTCDate())}/${MONTHS[p.d.getUTCMonth()]}/${p.d.getUTCFullYear()}:${p.time} +0000`;
  return `${host} - - [${stamp}] "${method} ${path} HTTP/1.1" ${status} ${bytes}`;
}

/** Logback's pattern in Spring Boot 2.1: the thread name keeps its last 15 characters, the logger is padded to 40. */
export function springLog(ms: number, level: 'INFO' | 'WARN' | 'ERROR', thread: string, logger: string, message: string, pid = 1): string {
  const p = parts(ms);
  const t = thread.length > 15 ? thread.slice(-15) : thread.padStart(15);
  const name = logger.length > 40 ? logger.slice(-40) : logger.padEnd(40);
  return `${p.date} ${p.time}.${p.ms} ${level.padStart(5)} ${pid} --- [${t}] ${name} : ${message}`;
}

/** winston 3's `json` format with a timestamp, as the access-log service's console transport prints it. */
export function winstonLog(ms: number, level: 'info' | 'warn' | 'error', message: string): string {
  return JSON.stringify({ level, message, timestamp: new Date(ms).toISOString() });
}
