// The learner's edited prometheus.yml and the outcome of the last Apply, kept across page visits.

import type { ConfigError } from '../../config/types.ts';

class ConfigDraft {
  /** null until the learner edits: the editor then shows the running config. */
  text = $state<string | null>(null);
  /** The running config pane shows it with Prometheus' defaults filled in (like its /config page). */
  effective = $state(false);
  outcome = $state.raw<{ ok: true; time: number } | { ok: false; errors: ConfigError[] } | null>(null);
}

export const draft = new ConfigDraft();

/** Unsaved edits of the in-page files, by path, and the file open in the editor. */
class FilesDraft {
  texts = $state<Record<string, string>>({});
  selected = $state<string | null>(null);
}

export const filesDraft = new FilesDraft();
