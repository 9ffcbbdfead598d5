// The current UI language as reactive state; remembered in localStorage.

import { MESSAGES, format, isLocale, type Locale, type MessageKey } from './messages.ts';

const STORAGE_KEY = 'promlab.locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  return isLocale(saved) ? saved : 'ko';
}

class I18n {
  locale = $state<Locale>(initialLocale());

  setLocale(l: Locale): void {
    this.locale = l;
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
  }
}

export const i18n = new I18n();

/** The message for `key` in the current language, with `{placeholders}` filled. Reactive inside components. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(MESSAGES[i18n.locale][key], params);
}
