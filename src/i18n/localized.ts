// Text the core writes in both of the page's languages at once (explanations, the glossary).

export interface Localized {
  readonly ko: string;
  readonly en: string;
}
