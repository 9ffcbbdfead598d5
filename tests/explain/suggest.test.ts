import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/promql/parser/parse.ts';
import { editDistance, suggestNames, unknownMetricNames } from '../../src/explain/suggest.ts';

// Names the chapter's apps expose (image-gallery's Go client, access-log's prom-client, iotd's Micrometer).
const KNOWN = [
  'access_client_ip_current',
  'access_log_total',
  'go_gc_duration_seconds',
  'go_goroutines',
  'go_info',
  'go_memstats_alloc_bytes',
  'go_memstats_alloc_bytes_total',
  'go_memstats_frees_total',
  'go_memstats_heap_inuse_bytes',
  'go_memstats_lookups_total',
  'go_memstats_stack_inuse_bytes',
  'go_memstats_sys_bytes',
  'go_threads',
  'http_requests_in_progress',
  'http_server_requests_seconds_count',
  'image_gallery_in_flight_requests',
  'image_gallery_requests_total',
  'iotd_api_image_load_total',
  'jvm_memory_used_bytes',
  'nodejs_heap_size_used_bytes',
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'promhttp_metric_handler_requests_in_flight',
  'up',
];

describe('suggestNames', () => {
  it('suggests the two image-gallery metrics for the chapter\'s image_gallery_requests', () => {
    const got = suggestNames('image_gallery_requests', KNOWN);
    expect(got.slice(0, 2).sort()).toEqual(['image_gallery_in_flight_requests', 'image_gallery_requests_total']);
    expect(got).not.toContain('go_goroutines');
  });

  it('suggests go_memstats_*_bytes for the chapter\'s go_memstats_bytes', () => {
    const got = suggestNames('go_memstats_bytes', KNOWN, 4);
    expect(got).toHaveLength(4);
    for (const name of got) expect(name).toMatch(/^go_memstats_\w+_bytes$/);
  });

  it('corrects a typo', () => {
    expect(suggestNames('acess_log_total', KNOWN)[0]).toBe('access_log_total');
  });

  it('suggests nothing for a name unlike any known one', () => {
    expect(suggestNames('kafka_consumer_lag', KNOWN)).toEqual([]);
  });

  it('never suggests the name itself', () => {
    expect(suggestNames('up', KNOWN)).not.toContain('up');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('unknownMetricNames', () => {
  const known = new Set(KNOWN);

  it('finds the never-scraped names an expression selects', () => {
    const expr = parseExpr('sum(image_gallery_requests{code="200"}) without(instance) / go_goroutines');
    expect(unknownMetricNames(expr, known)).toEqual(['image_gallery_requests']);
  });

  it('sees names written as a __name__ matcher and inside range selectors', () => {
    expect(unknownMetricNames(parseExpr('rate({__name__="acess_log_total"}[1m])'), known)).toEqual(['acess_log_total']);
  });

  it('finds nothing when every name is known', () => {
    expect(unknownMetricNames(parseExpr('sum(access_log_total) without(hostname, instance)'), known)).toEqual([]);
  });
});
