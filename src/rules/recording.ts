// A recording rule (rules/recording.go): the expression's result stored under a new metric name.

import { labelsKey, LabelsBuilder, METRIC_NAME } from '../model/labels/labels.ts';
import { queryVector, Rule, type EvalContext, type OutSample } from './rule.ts';

export class RecordingRule extends Rule {
  eval(ctx: EvalContext): OutSample[] {
    const out: OutSample[] = [];
    const seen = new Set<string>();
    for (const s of queryVector(ctx, this.def.expr)) {
      const b = new LabelsBuilder(s.metric).set(METRIC_NAME, this.def.name);
      for (const [k, v] of Object.entries(this.def.labels)) b.set(k, v);
      const labels = b.labels();
      const key = labelsKey(labels);
      if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
      seen.add(key);
      out.push({ labels, v: s.v, h: s.h });
    }
    if (ctx.limit > 0 && out.length > ctx.limit) throw new Error(`exceeded limit of ${ctx.limit} with ${out.length} series`);
    return out;
  }
}
