import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getLabel, labelsFromRecord } from '../../src/model/labels/labels.ts';
import { Matcher, type MatchType } from '../../src/model/labels/matcher.ts';
import { Head } from '../../src/tsdb/head.ts';

describe('postings for matchers', () => {
  const VALUES = ['', 'a', 'b', 'ab', 'a.b', 'axb', 'GET', 'POST'];
  const value = fc.constantFrom(...VALUES);
  const pattern = fc.constantFrom('a|b', 'a\\.b', 'a.b', 'GET|POST|PUT', 'a|', '.*', '.+', 'a.*', '', 'x|y', 'A|a');
  const matcher = fc.oneof(
    fc.tuple(fc.constantFrom<MatchType>('=', '!='), fc.constantFrom('x', 'y', 'z'), value),
    fc.tuple(fc.constantFrom<MatchType>('=~', '!~'), fc.constantFrom('x', 'y', 'z'), pattern),
  );

  it('selects exactly the series whose labels satisfy every matcher (missing labels read as "")', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: value, y: value, z: value }), { minLength: 1, maxLength: 40 }),
        fc.array(matcher, { minLength: 1, maxLength: 3 }),
        (records, specs) => {
          const head = new Head();
          const sets = records.map((r) => labelsFromRecord({ __name__: 'm', ...r }));
          for (const ls of sets) head.append(head.getOrCreate(ls), 1000, 1);
          const ms = specs.map(([type, name, v]) => new Matcher(type, name, v));
          const want = [...new Set(sets.map((ls) => JSON.stringify(ls)))]
            .map((k) => JSON.parse(k) as typeof sets[number])
            .filter((ls) => ms.every((m) => m.matches(getLabel(ls, m.name))))
            .map((ls) => JSON.stringify(ls))
            .sort();
          const got = head.postingsFor(ms).map((ref) => JSON.stringify(head.seriesLabels(ref)));
          expect([...got].sort()).toEqual(want);
          // Postings come back ascending by ref.
          expect(head.postingsFor(ms)).toEqual([...head.postingsFor(ms)].sort((p, q) => p - q));
        },
      ),
    );
  });
});
