// Errors at a 1-based line:col turned into CodeMirror diagnostics, so the editor underlines where they are.

import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';

export interface PositionedError {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** Each error marks from its column to the end of its line (clamped to the document). */
export function diagnostics(doc: Text, errors: readonly PositionedError[]): Diagnostic[] {
  return errors.map((e) => {
    const line = doc.line(Math.min(Math.max(1, e.line), doc.lines));
    const from = Math.min(line.from + Math.max(0, e.col - 1), line.to);
    return { from, to: Math.max(from, line.to), severity: 'error', message: e.message };
  });
}
