// Picks the parser from the response's Content-Type, like Prometheus' textparse.New: OpenMetrics for
// application/openmetrics-text, the classic text format for text/plain, an error for anything else.

import { parseOpenMetrics } from './openmetrics.ts';
import { parsePrometheusText } from './promparse.ts';
import type { ParsedExposition } from './types.ts';

/** A Content-Type no parser reads; the scrape fails with this message. */
export class ContentTypeError extends Error {}

/** Parses by the Content-Type's media type; `fallback` (a media type from fallback_scrape_protocol) covers a missing or unknown one. */
export function parseExposition(body: string, contentType: string | null, fallback: string | null = null): ParsedExposition {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const parse = PARSERS[mediaType] ?? (fallback ? PARSERS[fallback] : undefined);
  if (parse) return parse(body);
  if (!contentType) {
    throw new ContentTypeError('non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target');
  }
  throw new ContentTypeError(`received unsupported Content-Type ${JSON.stringify(contentType)} and no fallback_scrape_protocol specified for target`);
}

const PARSERS: Record<string, (body: string) => ParsedExposition> = {
  'application/openmetrics-text': parseOpenMetrics,
  'text/plain': parsePrometheusText,
};
