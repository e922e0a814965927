import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ParseError } from '../exceptions/standard.exceptions';

/** Node's own status for the parser errors it names; anything else is a malformed request. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Malformed HTTP request.',
  408: 'The request was not received in time.',
  413: 'Request is too large.',
  431: 'Request header fields are too large.',
};

/**
 * Answers a request Node's HTTP parser rejects (a malformed request line or header, headers over
 * the size limit, a request that arrives too slowly) with the error envelope instead of a bare
 * `400 Bad Request`: these requests never reach Express, Fastify or Nest. The statuses are
 * Node's own (400, 408, 413, 431), with code `parse_error`; the connection is then closed.
 * `configureRestflowHttp()` installs it as the server's `clientError` listener on both adapters.
 *
 * @example
 * ```ts
 * server.on('clientError', answerClientError);
 * // printf 'GARBAGE\r\n\r\n' | nc localhost 3000
 * // HTTP/1.1 400 Bad Request ... {"error":{"code":"parse_error","message":"Malformed HTTP request.","details":{}}}
 * ```
 * @publicApi
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const pending = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending) {
    // The client left, or a response to an earlier request is under way on this connection:
    // bytes written now would mix with it.
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
  const envelope = new ParseError({ message: MESSAGES[status], status }).toEnvelope();
  const body = JSON.stringify(envelope);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/**
 * Answers a request whose `Expect` header is not `100-continue` with 417 `parse_error` in the
 * envelope; Node answers these itself, with a bare 417, before Express or Fastify see them.
 * `configureRestflowHttp()` installs it as the server's `checkExpectation` listener.
 *
 * @example
 * ```ts
 * server.on('checkExpectation', answerUnmetExpectation);
 * // curl -H 'Expect: teapot' localhost:3000/api/products
 * // 417 {"error":{"code":"parse_error","message":"Unsupported Expect header \"teapot\".","details":{}}}
 * ```
 * @publicApi
 */
export function answerUnmetExpectation(request: IncomingMessage, response: ServerResponse): void {
  const expect = String(request.headers.expect ?? '').slice(0, 100);
  const body = JSON.stringify(
    new ParseError({
      message: `Unsupported Expect header ${JSON.stringify(expect)}.`,
      status: 417,
    }).toEnvelope(),
  );
  response.writeHead(417, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
