import type { RestflowRequest } from '../core/restflow-request.interface';

/** What Express and Fastify requests carry about the peer. */
interface PeerRequest {
  readonly ip?: unknown;
  readonly socket?: { readonly remoteAddress?: string };
  readonly raw?: { readonly socket?: { readonly remoteAddress?: string } };
}

/**
 * The client address a throttle identifies a request by (DRF's `get_ident`).
 *
 * - `numProxies === null` (the default): the adapter's `request.ip`, which is the socket's peer
 *   address unless you enabled the adapter's own proxy trust (Express `trust proxy`, Fastify
 *   `trustProxy`). `X-Forwarded-For` is ignored, so a client cannot pick its own identity.
 *   (DRF's default instead uses the whole `X-Forwarded-For` header when present.)
 * - `numProxies === 0`: the socket's peer address.
 * - `numProxies === n`: the n-th address from the end of `X-Forwarded-For` (the one your
 *   outermost trusted proxy saw); the socket's address when the header is absent.
 *
 * @example
 * ```ts
 * // X-Forwarded-For: 203.0.113.9, 10.0.0.2  (one load balancer in front)
 * clientIp(request, 1); // '10.0.0.2'
 * clientIp(request, 2); // '203.0.113.9'
 * ```
 * @publicApi
 */
export function clientIp(request: RestflowRequest, numProxies: number | null): string {
  const peer = request as RestflowRequest & PeerRequest;
  const socketAddress = peer.socket?.remoteAddress ?? peer.raw?.socket?.remoteAddress;
  if (numProxies === null) {
    return typeof peer.ip === 'string' && peer.ip ? peer.ip : (socketAddress ?? '');
  }
  const header = request.headers['x-forwarded-for'];
  const forwarded = Array.isArray(header) ? header.join(',') : header;
  if (numProxies === 0 || !forwarded) {
    return socketAddress ?? (typeof peer.ip === 'string' ? peer.ip : '');
  }
  const addresses = forwarded.split(',');
  const chosen = addresses[addresses.length - Math.min(numProxies, addresses.length)]?.trim();
  return chosen || (socketAddress ?? '');
}
