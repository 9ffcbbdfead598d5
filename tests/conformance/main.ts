// `npm run conformance [-- files or folders of .test scripts] [--check] [--raise-baseline]`
// Runs Prometheus' PromQL test scripts (read in place from ../shared/conformance/promql/) and any others given,
// prints `file passed/total` per file and `conformance float P/N native P/N` last, and writes failing cases to
// conformance/failures.txt. --check fails when a count falls below conformance/baseline.json; --raise-baseline
// records higher counts (it never lowers them).

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScript, type EvalResult } from './run.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CORPUS = resolve(ROOT, '../shared/conformance/promql');
const BASELINE = join(ROOT, 'conformance/baseline.json');
const FAILURES = join(ROOT, 'conformance/failures.txt');

interface Counts {
  float: number;
  native: number;
}

function scripts(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.test'))
    .sort()
    .map((f) => join(path, f));
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const raise = args.includes('--raise-baseline');
const paths = args.filter((a) => !a.startsWith('--'));
const usingCorpus = paths.length === 0;

if (usingCorpus && !existsSync(CORPUS)) {
  const msg = `conformance: ${relative(ROOT, CORPUS)} is absent (a fresh clone without ../shared), skipping the PromQL conformance run`;
  if (process.env.CI) {
    console.error(`${msg}; CI must have it`);
    process.exit(1);
  }
  console.log(msg);
  process.exit(0);
}

const files = (usingCorpus ? [CORPUS] : paths).flatMap((p) => scripts(resolve(p)));
const passed: Counts = { float: 0, native: 0 };
const total: Counts = { float: 0, native: 0 };
const report: string[] = [];

for (const file of files) {
  let results: EvalResult[];
  try {
    results = runScript(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${basename(file)} error: ${(e as Error).message}`);
    report.push(`${file}: ${(e as Error).message}`);
    continue;
  }
  const ok = results.filter((r) => r.failure === null).length;
  console.log(`${basename(file)} ${ok}/${results.length}`);
  for (const r of results) {
    const kind = r.native ? 'native' : 'float';
    total[kind]++;
    if (r.failure === null) passed[kind]++;
    else report.push(`${basename(file)}:${r.line} [${kind}] ${r.expr}\n    ${r.failure}`);
  }
}

console.log(`conformance float ${passed.float}/${total.float} native ${passed.native}/${total.native}`);
writeFileSync(FAILURES, report.join('\n') + (report.length ? '\n' : ''));

if (usingCorpus && (check || raise)) {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Counts;
  if (raise) {
    const next = { float: Math.max(baseline.float, passed.float), native: Math.max(baseline.native, passed.native) };
    writeFileSync(BASELINE, JSON.stringify(next, null, 2) + '\n');
  }
  if (check && (passed.float < baseline.float || passed.native < baseline.native)) {
    console.error(`conformance fell below the baseline (float ${baseline.float}, native ${baseline.native}); see ${relative(ROOT, FAILURES)}`);
    process.exit(1);
  }
}
