// The header navigation's own strings. Kept beside the component and looked up with the current locale
// (navT), so the shared catalogue in src/ui/i18n/messages.ts needs no entry for them.

import { i18n } from '../i18n/i18n.svelte.ts';

export const ko = {
  'navGroup.status': '상태',
  'navGroup.tools': '도구',
  'navGroup.menu': '메뉴',
  'navGroup.label': '주 메뉴',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'navGroup.status': 'Status',
  'navGroup.tools': 'Tools',
  'navGroup.menu': 'Menu',
  'navGroup.label': 'Main',
};

export type NavMessageKey = keyof typeof ko;

/** The navigation string for `key` in the current language. Reactive inside components. */
export function navT(key: NavMessageKey): string {
  return (i18n.locale === 'ko' ? ko : en)[key];
}
