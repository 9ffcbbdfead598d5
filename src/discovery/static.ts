import type { StaticConfig } from '../config/types.ts';
import type { Discoverer, TargetGroup } from './targetgroup.ts';

/** static_configs: fixed groups, one per entry, known without asking anyone. */
export class StaticDiscoverer implements Discoverer {
  readonly refreshInterval = 0;

  constructor(
    private readonly configs: readonly StaticConfig[],
    private readonly job: string,
  ) {}

  async refresh(): Promise<TargetGroup[]> {
    return this.configs.map((c, i) => ({
      source: `${this.job}/static/${i}`,
      targets: c.targets.map((address) => ({ __address__: address })),
      labels: { ...c.labels },
    }));
  }
}
