// Rule files and alertmanager.yml: random edits of the shipped files give rules or errors with line:col inside
// the text — never an exception.

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config.ts';
import { DEFAULT_ALERTMANAGER_YAML } from '../../src/alertmanager/default.ts';
import { DEFAULT_RULES_YAML } from '../../src/rules/default.ts';
import { loadRuleFile } from '../../src/rules/file.ts';
import { FUZZ_TIMEOUT, params } from './params.ts';
import { applyEdits, edits, expectPositioned } from './text.ts';

describe('rule file fuzz', () => {
  it(
    'answers edited rule files with groups or positioned errors',
    () => {
      fc.assert(
        fc.property(edits, (e) => {
          const text = applyEdits(DEFAULT_RULES_YAML, e);
          const r = loadRuleFile('rules.yml', text);
          if (!r.ok) expectPositioned(text, r.errors);
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers edited alertmanager.yml with a config or positioned errors',
    () => {
      fc.assert(
        fc.property(edits, (e) => {
          const text = applyEdits(DEFAULT_ALERTMANAGER_YAML, e);
          const r = loadAlertmanagerConfig(text);
          if (!r.ok) expectPositioned(text, r.errors);
        }),
        params(),
      );
    },
    FUZZ_TIMEOUT,
  );
});
