import { describe, expect, it } from 'vitest';
import { DEFAULT_RELABEL_CONFIG } from '../../src/relabel/relabel.ts';
import { ruleFields } from '../../src/ui/sd/rule.ts';

describe('relabel rule fields', () => {
  it('shows what a replace rule reads, with defaults filled in', () => {
    const cfg = { ...DEFAULT_RELABEL_CONFIG, sourceLabels: ['__meta_x', 'job'], targetLabel: 'team' };
    expect(ruleFields(cfg)).toEqual([
      ['action', 'replace'],
      ['source_labels', '[__meta_x, job]'],
      ['separator', '";"'],
      ['regex', '(.*)'],
      ['target_label', 'team'],
      ['replacement', '$1'],
    ]);
  });

  it('leaves out fields an action ignores', () => {
    expect(ruleFields({ ...DEFAULT_RELABEL_CONFIG, action: 'labeldrop', regex: '__meta_.*' })).toEqual([
      ['action', 'labeldrop'],
      ['regex', '__meta_.*'],
    ]);
    expect(ruleFields({ ...DEFAULT_RELABEL_CONFIG, action: 'hashmod', sourceLabels: ['__address__'], modulus: 3, targetLabel: '__tmp' }).map(([k]) => k)).toEqual(
      ['action', 'source_labels', 'separator', 'modulus', 'target_label'],
    );
  });
});
