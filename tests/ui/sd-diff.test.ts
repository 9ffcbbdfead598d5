import { describe, expect, it } from 'vitest';
import { labelsFromRecord } from '../../src/model/labels/labels.ts';
import { countChanges, diffLabels } from '../../src/ui/sd/diff.ts';

describe('relabel visualizer diff', () => {
  it('marks added, changed and removed labels in name order', () => {
    const before = labelsFromRecord({ __address__: '172.20.0.6:80', job: 'access-log', __meta_x: 'y' });
    const after = labelsFromRecord({ __address__: '172.20.0.6:80', job: 'accesslog', replica: '6' });
    const rows = diffLabels(before, after);
    expect(rows).toEqual([
      { name: '__address__', value: '172.20.0.6:80', change: 'same' },
      { name: '__meta_x', value: 'y', change: 'removed' },
      { name: 'job', value: 'accesslog', before: 'access-log', change: 'changed' },
      { name: 'replica', value: '6', change: 'added' },
    ]);
    expect(countChanges(rows)).toEqual({ added: 1, changed: 1, removed: 1 });
  });

  it('shows the starting label set unmarked', () => {
    const rows = diffLabels(null, labelsFromRecord({ job: 'iotd-api' }));
    expect(rows).toEqual([{ name: 'job', value: 'iotd-api', change: 'same' }]);
    expect(countChanges(rows)).toEqual({ added: 0, changed: 0, removed: 0 });
  });
});
