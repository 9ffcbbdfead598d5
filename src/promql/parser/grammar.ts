// The lezer-promql parser, taught two things Prometheus 3.14 accepts and its 0.314 grammar does not:
// min_of()/max_of() as functions outside durations, and step()/range()/min_of()/max_of() inside durations in
// any letter case. Its identifier specializer is extended; the builder reads the name from the query text.

import { parser as lezer } from '@prometheus-io/lezer-promql';

type Specializer = NonNullable<NonNullable<Parameters<typeof lezer.configure>[0]['specializers']>[number]['to']>;

// lezer's parser tables: the specializer specs, and the compiled specializers in the same order.
const tables = lezer as unknown as { specializerSpecs: { external?: Specializer; extend?: boolean }[]; specializers: ((value: string) => number)[] };
const contextualAt = tables.specializerSpecs.findIndex((s) => s.extend && s.external);
const nameTableAt = tables.specializerSpecs.findIndex((s) => !s.external);
if (contextualAt < 0 || nameTableAt < 0) throw new Error('lezer-promql: identifier specializers not found');
const contextual = tables.specializerSpecs[contextualAt].external!;

// The token the grammar gives a lower-case name (function names, duration functions), or -1.
const tokenOf = (name: string): number => {
  const r = tables.specializers[nameTableAt](name);
  return r < 0 ? -1 : r >> 1;
};

// A function-name token that stands in for min_of/max_of: any one works, the builder reads the text.
const FUNCTION_STAND_IN = tokenOf('clamp');
const DURATION_FUNCTIONS = new Set(['step', 'range', 'min_of', 'max_of']);

const extended: Specializer = (value, stack) => {
  const lower = value.toLowerCase();
  if (DURATION_FUNCTIONS.has(lower) && value !== lower) {
    const token = tokenOf(lower);
    if (stack.canShift(token)) return token;
  }
  if ((value === 'min_of' || value === 'max_of') && !stack.canShift(tokenOf(value)) && stack.canShift(FUNCTION_STAND_IN)) return FUNCTION_STAND_IN;
  return contextual(value, stack);
};

export const parser = lezer.configure({ specializers: [{ from: contextual, to: extended }] });
