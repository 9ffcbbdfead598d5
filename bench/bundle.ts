// Size of what the browser must download before the first paint: the entry script, the modules it preloads
// and the stylesheets named in dist/index.html, gzipped. Lazily imported chunks (msw, CodeMirror, uPlot) do not count.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function initialBundleGzipBytes(distDir = 'dist'): number {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const assets = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) assets.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="([^"]+)"/g)) assets.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]+rel="(?:modulepreload|stylesheet)"/g)) assets.add(m[1]);
  let total = gzipSync(html).length;
  for (const a of assets) total += gzipSync(readFileSync(join(distDir, a.replace(/^\//, '')))).length;
  return total;
}
