// dns_sd_configs (Prometheus' discovery/dns): each name becomes one target group whose targets are the
// addresses the resolver returns, with the configured port and __meta_dns_name.

import type { DNSSDConfig } from '../config/types.ts';
import type { Discoverer, TargetGroup } from './targetgroup.ts';

/** What the DNS discoverer asks; in the playground, the simulated Docker network's embedded DNS answers. */
export interface Resolver {
  lookupA(name: string): Promise<string[]>;
}

export class DNSDiscoverer implements Discoverer {
  readonly refreshInterval: number;

  constructor(
    private readonly config: DNSSDConfig,
    private readonly resolver: Resolver,
  ) {
    this.refreshInterval = config.refreshInterval;
  }

  async refresh(): Promise<TargetGroup[]> {
    return Promise.all(this.config.names.map((name) => this.refreshOne(name)));
  }

  private async refreshOne(name: string): Promise<TargetGroup> {
    if (this.config.type === 'SRV') {
      // The simulated network has no SRV records; an SRV lookup finds nothing, as a real one would for a plain service name.
      return { source: name, targets: [], labels: {} };
    }
    // An unknown name (NXDOMAIN) yields an empty group, so scaling a service to 0 removes its targets.
    const ips = this.config.type === 'A' ? await this.resolver.lookupA(name) : [];
    return {
      source: name,
      targets: ips.map((ip) => ({ __address__: joinHostPort(ip, this.config.port), __meta_dns_name: name })),
      labels: {},
    };
  }
}

export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
