// Word expansion in bash's order, as far as the chapter needs: parameters (`$i`, `${i}`, `$?`), then brace
// expansion (`{1..10}`, `{a,b}`) on unquoted text, then quote removal. No globbing, no word splitting.

import type { Word, WordPart } from './parse.ts';

export type Variables = ReadonlyMap<string, string>;

function expandParams(text: string, vars: Variables): string {
  return text.replace(/\$(?:\{(\w+|\?)\}|(\w+|\?))/g, (_m, braced: string | undefined, bare: string | undefined) => vars.get((braced ?? bare)!) ?? '');
}

/** `{1..3}` → 1 2 3, `{a,b}c` → ac bc; a word without a valid brace group is left as it is, like bash. */
export function braceExpand(text: string): string[] {
  const open = findBraceGroup(text);
  if (!open) return [text];
  const { start, end, alternatives } = open;
  const prefix = text.slice(0, start);
  const suffix = text.slice(end + 1);
  return alternatives.flatMap((alt) => braceExpand(prefix + alt + suffix));
}

function findBraceGroup(text: string): { start: number; end: number; alternatives: string[] } | null {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        const inner = text.slice(start + 1, i);
        const range = /^(-?\d+)\.\.(-?\d+)$/.exec(inner);
        if (range) return { start, end: i, alternatives: sequence(Number(range[1]), Number(range[2])) };
        if (commas.length > 0) {
          const cuts = [start, ...commas, i];
          return { start, end: i, alternatives: cuts.slice(1).map((c, k) => text.slice(cuts[k] + 1, c)) };
        }
        break;
      } else if (text[i] === ',' && depth === 1) commas.push(i);
    }
  }
  return null;
}

function sequence(from: number, to: number): string[] {
  const step = from <= to ? 1 : -1;
  const out: string[] = [];
  for (let n = from; step > 0 ? n <= to : n >= to; n += step) out.push(String(n));
  return out;
}

/** Expands one word into zero or more arguments. */
export function expandWord(word: Word, vars: Variables): string[] {
  const parts: WordPart[] = word.map((p) => (p.quote === 'single' ? p : { ...p, text: expandParams(p.text, vars) }));
  if (parts.every((p) => p.quote === 'none')) return braceExpand(parts.map((p) => p.text).join(''));
  return [parts.map((p) => p.text).join('')];
}
