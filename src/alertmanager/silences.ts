// Silences (silence/silence.go): matchers with a time window; an alert matched by an active silence is muted.

import { Matcher } from '../model/labels/matcher.ts';
import { matchesAll } from './matchers.ts';
import type { Silence, SilenceMatcher, SilenceState } from './types.ts';

export class SilenceError extends Error {}

export function silenceState(s: Silence, now: number): SilenceState {
  if (now < s.startsAt) return 'pending';
  if (now >= s.endsAt) return 'expired';
  return 'active';
}

function toMatcher(m: SilenceMatcher): Matcher {
  const type = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return new Matcher(type, m.name, m.value);
}

export class Silences {
  private readonly list: Silence[] = [];
  private nextId = 1;

  /** Creates a silence after Alertmanager's validation (silence.validateSilence). */
  add(input: Omit<Silence, 'id' | 'updatedAt'>, now: number): Silence {
    if (input.matchers.length === 0) throw new SilenceError('at least one matcher required');
    const matchers = input.matchers.map((m) => {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.name)) throw new SilenceError(`invalid label name "${m.name}"`);
      try {
        return toMatcher(m);
      } catch (err) {
        throw new SilenceError(`invalid regular expression "${m.value}": ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    if (matchers.every((m) => m.matchesEmpty())) throw new SilenceError('at least one matcher must not match the empty string');
    if (input.endsAt <= input.startsAt) throw new SilenceError('end time must not be before start time');
    if (input.endsAt < now) throw new SilenceError('end time can\'t be in the past');
    if (!input.createdBy.trim()) throw new SilenceError('creator information missing');
    if (!input.comment.trim()) throw new SilenceError('comment missing');
    const s: Silence = { ...input, id: String(this.nextId++).padStart(8, '0'), updatedAt: now };
    this.list.push(s);
    return s;
  }

  /** Ends a silence now (DELETE /api/v2/silence/{id}). */
  expire(id: string, now: number): void {
    const s = this.list.find((x) => x.id === id);
    if (!s) throw new SilenceError('silence not found');
    if (silenceState(s, now) === 'expired') throw new SilenceError('silence already expired');
    s.endsAt = Math.max(now, s.startsAt);
    s.updatedAt = now;
  }

  all(): Silence[] {
    return [...this.list];
  }

  /** Puts back silences saved earlier (Alertmanager's silence snapshot); ids continue after the highest. */
  restore(saved: readonly Silence[]): void {
    this.list.splice(0, this.list.length, ...saved.map((s) => ({ ...s, matchers: s.matchers.map((m) => ({ ...m })) })));
    this.nextId = Math.max(0, ...this.list.map((s) => Number(s.id) || 0)) + 1;
  }

  /** Ids of the active silences that match these labels. */
  mutedBy(labels: Record<string, string>, now: number): string[] {
    return this.list.filter((s) => silenceState(s, now) === 'active' && matchesAll(s.matchers.map(toMatcher), labels)).map((s) => s.id);
  }
}
