import type { IncomingMessage } from 'node:http';
import { ParseError } from '../exceptions/standard.exceptions';

/**
 * Reads a whole request body up to `limit` bytes, with Fastify's answers: 413 `parse_error` for a
 * body (or a `Content-Length`) over the limit, 400 `parse_error` for a body cut short. Resolves an
 * empty buffer for a request without a body.
 *
 * @internal
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const length = request.headers['content-length'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || (!!length && length !== '0');
  if (!hasBody) {
    return Promise.resolve(Buffer.alloc(0));
  }
  if (length !== undefined && Number(length) > limit) {
    // Drained, not read: the connection stays usable for the answer.
    request.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (error: Error | undefined) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      if (error) {
        request.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, received));
      }
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        finish(tooLarge(limit));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish(undefined);
    const onError = () => finish(incomplete());
    const onAborted = () => finish(incomplete());
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function tooLarge(limit: number): ParseError {
  return new ParseError({
    message: `Request body is too large: the limit is ${limit} bytes.`,
    status: 413,
  });
}

function incomplete(): ParseError {
  return new ParseError('Request body could not be read completely.');
}
