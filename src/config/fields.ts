// Field readers prometheus.yml's sections share: sizes, durations, label names and values, and paths.

import type { Node } from 'yaml';
import type { Decoder, Field } from './decode.ts';
import { SizeError, parseSize } from './size.ts';

/** Where prometheus.yml lives in the container; relative rule and file_sd paths are resolved against it. */
export const CONFIG_DIR = '/etc/prometheus';

/** A path as Prometheus opens it: relative to the config file's directory. */
export function resolvePath(path: string): string {
  return path.startsWith('/') ? path : `${CONFIG_DIR}/${path.replace(/^\.\//, '')}`;
}

/** A field's <size> in bytes; 0 when absent, null or invalid (the error is recorded). */
export function sizeField(d: Decoder, f: Map<string, Field>, name: string): number {
  const field = f.get(name);
  if (!field || d.isNull(field.value)) return 0;
  const text = d.string(field.value);
  if (text === undefined) return 0;
  try {
    return parseSize(text);
  } catch (err) {
    if (!(err instanceof SizeError)) throw err;
    d.fail(field.value!, err.message);
    return 0;
  }
}

/** A field's duration in ms; 0 when absent, null or invalid (the error is recorded). */
export function durationField(d: Decoder, f: Map<string, Field>, name: string): number {
  const field = f.get(name);
  return (field && d.duration(field.value)) ?? 0;
}

/** Prometheus 3 validates names as UTF-8 (only "" is invalid) and values as valid UTF-8. */
export function checkLabel(d: Decoder, key: Node, name: string, value: string): boolean {
  if (name === '' || !isWellFormed(name)) {
    d.fail(key, `${JSON.stringify(name)} is not a valid label name`);
    return false;
  }
  if (!isWellFormed(value)) {
    d.fail(key, `${JSON.stringify(value)} is not a valid label value`);
    return false;
  }
  return true;
}

// A JS string is valid UTF-8 once encoded unless it holds a lone surrogate (from a "\ud800" escape).
function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
