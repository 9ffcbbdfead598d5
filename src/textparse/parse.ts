// Picks the parser from the response's Content-Type, like Prometheus' textparse.New: OpenMetrics for
// application/openmetrics-text, the classic text format for text/plain, an error for anything else.

import { parseOpenMetrics } from './openmetrics.ts';
import { parsePrometheusText } from './promparse.ts';
import type { ParsedExposition } from './types.ts';

/** The Accept header of a Prometheus 3 scrape with the default scrape_protocols. */
export const ACCEPT_HEADER =
  'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,' +
  'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2';

/** A Content-Type no parser reads; the scrape fails with this message. */
export class ContentTypeError extends Error {}

export function parseExposition(body: string, contentType: string | null): ParsedExposition {
  if (!contentType) {
    throw new ContentTypeError('non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target');
  }
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/openmetrics-text') return parseOpenMetrics(body);
  if (mediaType === 'text/plain') return parsePrometheusText(body);
  throw new ContentTypeError(`received unsupported Content-Type ${JSON.stringify(contentType)} and no fallback_scrape_protocol specified for target`);
}
