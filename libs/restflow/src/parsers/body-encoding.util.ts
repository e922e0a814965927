import type { IncomingHttpHeaders } from 'node:http';
import { UnsupportedMediaType } from '../exceptions/standard.exceptions';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a JSON or form body: UTF-8 only, sent without `Content-Encoding`, identically on
 * Express and Fastify. JSON text between systems must be UTF-8 (RFC 8259), and forms are read as
 * UTF-8 by browsers that submit them to a UTF-8 page; Express used to decode gzip bodies that
 * Fastify read as garbage.
 *
 * @throws {UnsupportedMediaType} 415 for another `charset` or a `Content-Encoding`.
 * @returns `undefined` when the bytes are not valid UTF-8 (a parse error of the caller's format).
 * @internal
 */
export function decodeBodyText(body: Buffer, headers: IncomingHttpHeaders): string | undefined {
  const contentType = headers['content-type'];
  const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaType(contentType);
  }
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw new UnsupportedMediaType(contentType, {
      message: `Unsupported content encoding ${JSON.stringify(encoding)} in request.`,
    });
  }
  try {
    // Strips a byte order mark, as RFC 8259 allows parsers to.
    return UTF8.decode(body);
  } catch {
    return undefined;
  }
}
