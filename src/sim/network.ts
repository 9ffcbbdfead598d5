// The compose network's addressing: the 172.20.0.0/16 subnet, lowest-free IP allocation, and the errors a Go
// HTTP client prints when it cannot reach a peer.

export const SUBNET_PREFIX = '172.20.';
export const GATEWAY_IP = '172.20.0.1';

/** What a client sees when a connection cannot be made (a fetch() through MSW rejects). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }

  static refused(ip: string, port: number): NetworkError {
    return new NetworkError(`dial tcp ${ip}:${port}: connect: connection refused`);
  }

  static noSuchHost(host: string): NetworkError {
    return new NetworkError(`dial tcp: lookup ${host} on 127.0.0.11:53: no such host`);
  }
}

/** The n-th address of the subnet (n = 1 is the gateway): 172.20.0.2, …, 172.20.0.255, 172.20.1.0, … */
export function subnetIp(n: number): string {
  return `${SUBNET_PREFIX}${Math.floor(n / 256)}.${n % 256}`;
}

/** IPAM: hands out the lowest free address from .2, skipping reserved and used ones. */
export class IpPool {
  private readonly used = new Set<string>();

  constructor(private readonly reserved: readonly string[] = []) {}

  allocate(): string {
    for (let n = 2; n < 65535; n++) {
      const ip = subnetIp(n);
      if (!this.used.has(ip) && !this.reserved.includes(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    throw new Error('address pool exhausted');
  }

  release(ip: string): void {
    this.used.delete(ip);
  }
}
