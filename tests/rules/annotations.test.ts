import { describe, expect, it } from 'vitest';
import { annotationsIn } from '../../src/rules/annotations.ts';

describe('annotations in the reader\'s language', () => {
  const a = { summary: 'image-gallery error rate is 30%', summary_ko: 'image-gallery 오류율 30%', runbook: 'https://wiki/x', note_ko: '한국어만' };

  it('shows the Korean twin under the plain name in Korean, and hides it in English', () => {
    expect(annotationsIn(a, 'ko')).toEqual([
      ['summary', 'image-gallery 오류율 30%'],
      ['runbook', 'https://wiki/x'],
      ['note', '한국어만'],
    ]);
    expect(annotationsIn(a, 'en')).toEqual([
      ['summary', 'image-gallery error rate is 30%'],
      ['runbook', 'https://wiki/x'],
    ]);
  });
});
