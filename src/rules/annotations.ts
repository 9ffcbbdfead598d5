// Annotations in the reader's language. A rule may carry a Korean twin of an annotation under `<name>_ko` (the
// shipped rules do: `summary` and `summary_ko`); Prometheus and Alertmanager keep both as ordinary annotations,
// and a page shows the one of its language under the plain name, falling back to the plain one.

const SUFFIX = '_ko';

/** The annotations to show in `lang`, each once, under its plain name. */
export function annotationsIn(annotations: Readonly<Record<string, string>>, lang: 'ko' | 'en'): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, text] of Object.entries(annotations)) {
    if (name.endsWith(SUFFIX) && name.length > SUFFIX.length) {
      const plain = name.slice(0, -SUFFIX.length);
      if (plain in annotations) continue;
      if (lang === 'ko') out.push([plain, text]);
      continue;
    }
    out.push([name, lang === 'ko' ? (annotations[name + SUFFIX] ?? text) : text]);
  }
  return out;
}
