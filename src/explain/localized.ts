// Explanations are written in both of the page's languages at once.

export interface Localized {
  readonly ko: string;
  readonly en: string;
}
