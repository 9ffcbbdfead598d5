// scrape_protocols and fallback_scrape_protocol (Prometheus' config.ScrapeProtocol): which exposition formats a
// scrape asks for, in order of preference, and the Accept header that says so.

export type ScrapeProtocol = 'PrometheusProto' | 'PrometheusText0.0.4' | 'PrometheusText1.0.0' | 'OpenMetricsText0.0.1' | 'OpenMetricsText1.0.0';

export const SCRAPE_PROTOCOL_HEADERS: Readonly<Record<ScrapeProtocol, string>> = {
  PrometheusProto: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1',
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0',
};

export const SCRAPE_PROTOCOLS = Object.keys(SCRAPE_PROTOCOL_HEADERS) as ScrapeProtocol[];

/** Prometheus 3's default, without native histograms: OpenMetrics first, then the text formats. */
export const DEFAULT_SCRAPE_PROTOCOLS: readonly ScrapeProtocol[] = [
  'OpenMetricsText1.0.0',
  'OpenMetricsText0.0.1',
  'PrometheusText1.0.0',
  'PrometheusText0.0.4',
];

/**
 * The Accept header for these protocols, as scrape.go's acceptHeader builds it: descending q weights from 0.6,
 * UTF-8 escaping offered with the 1.0.0 text formats, and anything else last.
 */
export function acceptHeader(protocols: readonly ScrapeProtocol[]): string {
  let weight = SCRAPE_PROTOCOLS.length + 1;
  const values = protocols.map((p) => {
    const escaping = p === 'PrometheusText1.0.0' || p === 'OpenMetricsText1.0.0' ? ';escaping=allow-utf-8' : '';
    return `${SCRAPE_PROTOCOL_HEADERS[p]}${escaping};q=0.${weight--}`;
  });
  return [...values, `*/*;q=0.${weight}`].join(',');
}

/** The media type a protocol's responses carry, e.g. for a fallback_scrape_protocol. */
export function protocolMediaType(p: ScrapeProtocol): string {
  return SCRAPE_PROTOCOL_HEADERS[p].split(';')[0];
}
