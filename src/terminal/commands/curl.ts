// curl through the page's fetch(): the same path the scraper takes, so the MSW service worker answers for the
// published ports (8010–8012, 9323) and for Prometheus' API on :9090. Options as the chapter and the lessons use
// them: -s, -S, -o FILE, -w FORMAT, -i, -X METHOD, -d DATA, -G, --data-urlencode.

import type { Command, CommandContext } from './types.ts';

interface CurlOptions {
  url: string;
  silent: boolean;
  showError: boolean;
  output: string | null;
  writeOut: string | null;
  include: boolean;
  method: string | null;
  data: string[];
  get: boolean;
}

class CurlError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const BOOLEAN_FLAGS: Record<string, keyof CurlOptions> = { s: 'silent', S: 'showError', i: 'include', G: 'get' };
const LONG_BOOLEANS: Record<string, keyof CurlOptions> = { '--silent': 'silent', '--show-error': 'showError', '--include': 'include', '--get': 'get' };

function parseArgs(args: readonly string[]): CurlOptions {
  const o: CurlOptions = { url: '', silent: false, showError: false, output: null, writeOut: null, include: false, method: null, data: [], get: false };
  const value = (i: number, flag: string): string => {
    const v = args[i];
    if (v === undefined) throw new CurlError(2, `option ${flag}: requires parameter`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a in LONG_BOOLEANS) (o[LONG_BOOLEANS[a]] as boolean) = true;
    else if (a === '-o' || a === '--output') o.output = value(++i, a);
    else if (a === '-w' || a === '--write-out') o.writeOut = value(++i, a);
    else if (a === '-X' || a === '--request') o.method = value(++i, a);
    else if (a === '-d' || a === '--data') o.data.push(value(++i, a));
    else if (a === '--data-urlencode') o.data.push(urlencodeData(value(++i, a)));
    else if (/^-[sSiG]+$/.test(a)) for (const f of a.slice(1)) (o[BOOLEAN_FLAGS[f]] as boolean) = true;
    else if (/^-[sSiG]*o$/.test(a)) {
      for (const f of a.slice(1, -1)) (o[BOOLEAN_FLAGS[f]] as boolean) = true;
      o.output = value(++i, '-o');
    } else if (a.startsWith('-')) throw new CurlError(2, `option ${a}: is unknown`);
    else o.url = a;
  }
  if (!o.url) throw new CurlError(2, 'no URL specified');
  return o;
}

/** `name=content` → name=<percent-encoded content>, like curl's --data-urlencode. */
function urlencodeData(spec: string): string {
  const eq = spec.indexOf('=');
  return eq < 0 ? encodeURIComponent(spec) : spec.slice(0, eq + 1) + encodeURIComponent(spec.slice(eq + 1));
}

function requestUrl(o: CurlOptions): URL {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(o.url) ? o.url : `http://${o.url}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CurlError(3, 'URL using bad/illegal format or missing URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CurlError(1, `Protocol "${url.protocol.slice(0, -1)}" not supported`);
  if (o.get && o.data.length > 0) url.search += (url.search ? '&' : '') + o.data.join('&');
  return url;
}

/** The host's resolver knows localhost and IP addresses; compose service names resolve only inside its network. */
function resolvable(host: string): boolean {
  return host === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes('.');
}

/** curl's 5-character size/speed fields (progress.c max5data). */
function max5(n: number): string {
  if (n < 100_000) return String(Math.round(n)).padStart(5);
  if (n < 10_000 * 1024) return `${Math.round(n / 1024)}k`.padStart(5);
  return `${Math.round(n / 1024 / 1024)}M`.padStart(5);
}

function progressMeter(bytes: number, ms: number): string {
  const speed = max5(ms > 0 ? (bytes * 1000) / ms : bytes);
  const size = max5(bytes);
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `100 ${size}  100 ${size}    0     0 ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`
  );
}

function writeOut(format: string, res: Response, bytes: number, ms: number): string {
  const vars: Record<string, string> = {
    http_code: String(res.status).padStart(3, '0'),
    response_code: String(res.status),
    size_download: String(bytes),
    time_total: (ms / 1000).toFixed(6),
    content_type: res.headers.get('content-type') ?? '',
    url_effective: res.url,
  };
  return format
    .replace(/%\{(\w+)\}/g, (m, name: string) => vars[name] ?? m)
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

async function curl(ctx: CommandContext): Promise<number> {
  let o: CurlOptions | undefined;
  try {
    o = parseArgs(ctx.args);
    const url = requestUrl(o);
    if (!resolvable(url.hostname)) throw new CurlError(6, `Could not resolve host: ${url.hostname}`);
    if (o.output !== null && o.output !== '/dev/null') throw new CurlError(23, `Failure writing output to destination (${o.output}: Read-only file system)`);
    const method = o.method ?? (o.data.length > 0 && !o.get ? 'POST' : 'GET');
    const body = method === 'GET' || method === 'HEAD' ? undefined : o.data.join('&');
    const headers: Record<string, string> = { 'User-Agent': 'curl/7.88.1', Accept: '*/*' };
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const started = performance.now();
    let res: Response;
    try {
      res = await ctx.env.fetch(url.href, { method, headers, body });
    } catch {
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      throw new CurlError(7, `Failed to connect to ${url.hostname} port ${port} after 0 ms: Couldn't connect to server`);
    }
    const text = await res.text();
    const bytes = new TextEncoder().encode(text).length;
    const ms = performance.now() - started;
    const toScreen = o.output === null;
    if (!o.silent && (!toScreen || !ctx.stdoutIsTerminal)) ctx.err(progressMeter(bytes, ms));
    if (toScreen) {
      if (o.include) {
        ctx.out(`HTTP/1.1 ${res.status} ${res.statusText}\r\n`);
        res.headers.forEach((v, k) => ctx.out(`${k}: ${v}\r\n`));
        ctx.out('\r\n');
      }
      ctx.out(text);
    }
    if (o.writeOut !== null) ctx.out(writeOut(o.writeOut, res, bytes, ms));
    return 0;
  } catch (err) {
    if (!(err instanceof CurlError)) throw err;
    if (err.code === 2) {
      ctx.err(`curl: ${err.message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    } else if (!o?.silent || o.showError) ctx.err(`curl: (${err.code}) ${err.message}\n`);
    return err.code;
  }
}

export const curlCommand: Command = {
  name: 'curl',
  usage: 'curl [-s] [-o /dev/null] [-w FORMAT] URL',
  summary: {
    ko: 'HTTP 요청: :8010–8012의 앱, :9323의 엔진 메트릭, :9090의 프로메테우스 API',
    en: 'HTTP requests: the apps on :8010–8012, engine metrics on :9323, the Prometheus API on :9090',
  },
  run: curl,
  complete: () => [
    'http://localhost:8010',
    'http://localhost:8010/metrics',
    'http://localhost:8011/actuator/prometheus',
    'http://localhost:8012/metrics',
    'http://localhost:9323/metrics',
    'http://localhost:9090/api/v1/query?query=',
    'http://localhost:9090/api/v1/targets',
    '-s',
    '-o',
    '/dev/null',
  ],
};
