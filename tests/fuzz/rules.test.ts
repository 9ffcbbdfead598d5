// Rule files and alertmanager.yml: random edits of the shipped files give rules or errors with line:col inside
// the text — never an exception.

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { loadRuleFile } from '../../src/rules/file.ts';
import { FUZZ_TIMEOUT, acceptance, params } from './params.ts';
import { applyEdits, edits, expectPositioned } from './text.ts';

/** The least share of generated inputs that must be accepted (32 of 300 edited rule files load). */
const SHARE_RULES = 0.05;

/** The least share of generated inputs that must be accepted (16 of 300 edited alertmanager.yml load). */
const SHARE_ALERTMANAGER = 0.03;

describe('rule file fuzz', () => {
  it(
    'answers edited rule files with groups or positioned errors',
    () => {
      const loaded = acceptance(SHARE_RULES);
      fc.assert(
        fc.property(edits, (e) => {
          const text = applyEdits(DEFAULT_RULES_YAML, e);
          const r = loadRuleFile('rules.yml', text);
          if (r.ok) loaded.accept();
          else expectPositioned(text, r.errors);
        }),
        params(),
      );
      loaded.check();
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers edited alertmanager.yml with a config or positioned errors',
    () => {
      const loaded = acceptance(SHARE_ALERTMANAGER);
      fc.assert(
        fc.property(edits, (e) => {
          const text = applyEdits(DEFAULT_ALERTMANAGER_YAML, e);
          const r = loadAlertmanagerConfig(text);
          if (r.ok) loaded.accept();
          else expectPositioned(text, r.errors);
        }),
        params(),
      );
      loaded.check();
    },
    FUZZ_TIMEOUT,
  );
});
