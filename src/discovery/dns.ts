// dns_sd_configs (Prometheus' discovery/dns): each name becomes one target group whose targets are the records the
// resolver returns: A/AAAA addresses with the configured port, or SRV targets with their own ports.

import type { DNSSDConfig } from '../config/types.ts';
import type { Discoverer, TargetGroup } from './targetgroup.ts';

export interface SRVRecord {
  readonly target: string;
  readonly port: number;
}

/**
 * What the DNS discoverer asks; in the playground, the simulated Docker network's embedded DNS answers. A resolver
 * without AAAA or SRV lookups has no such records, like Docker's DNS on an IPv4-only bridge network.
 */
export interface Resolver {
  lookupA(name: string): Promise<string[]>;
  lookupAAAA?(name: string): Promise<string[]>;
  lookupSRV?(name: string): Promise<SRVRecord[]>;
}

export const DNS_NAME_LABEL = '__meta_dns_name';
export const DNS_SRV_TARGET_LABEL = '__meta_dns_srv_record_target';
export const DNS_SRV_PORT_LABEL = '__meta_dns_srv_record_port';

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

  // An unknown name (NXDOMAIN) yields an empty group, so scaling a service to 0 removes its targets.
  private async refreshOne(name: string): Promise<TargetGroup> {
    const { type, port } = this.config;
    if (type === 'SRV') {
      const records = (await this.resolver.lookupSRV?.(name)) ?? [];
      return {
        source: name,
        targets: records.map((r) => {
          const target = r.target.replace(/\.$/, '');
          return {
            __address__: joinHostPort(target, r.port),
            [DNS_NAME_LABEL]: name,
            [DNS_SRV_TARGET_LABEL]: target,
            [DNS_SRV_PORT_LABEL]: String(r.port),
          };
        }),
        labels: {},
      };
    }
    const ips = type === 'A' ? await this.resolver.lookupA(name) : ((await this.resolver.lookupAAAA?.(name)) ?? []);
    return { source: name, targets: ips.map((ip) => ({ __address__: joinHostPort(ip, port), [DNS_NAME_LABEL]: name })), labels: {} };
  }
}

export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
