// Words for a check result: the reason key from src/lessons or src/quiz, looked up in the message table.

import type { CheckResult } from '../../lessons/types.ts';
import { t } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/messages.ts';

export function checkText(r: CheckResult): string {
  return t(`check.${r.reason}` as MessageKey, r.params);
}
