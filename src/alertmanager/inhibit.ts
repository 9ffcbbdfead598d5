// Inhibition (inhibit/inhibit.go): a firing alert matching a rule's source matchers mutes alerts matching its
// target matchers that carry the same values for the `equal` labels.

import type { InhibitRule } from './config.ts';
import { matchesAll } from './matchers.ts';
import type { AmAlert } from './types.ts';

/** Fingerprints of the source alerts that inhibit `target`. */
export function inhibitedBy(rules: readonly InhibitRule[], target: AmAlert, alerts: readonly AmAlert[], now: number): string[] {
  const out = new Set<string>();
  for (const rule of rules) {
    if (!matchesAll(rule.target, target.labels)) continue;
    for (const source of alerts) {
      // An alert never inhibits itself, even when it matches both sides.
      if (source.fingerprint === target.fingerprint || source.endsAt <= now) continue;
      if (!matchesAll(rule.source, source.labels)) continue;
      if (rule.equal.every((l) => (source.labels[l] ?? '') === (target.labels[l] ?? ''))) out.add(source.fingerprint);
    }
  }
  return [...out];
}
