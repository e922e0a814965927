import type { RestflowRequest } from '../core/restflow-request.interface';
import { clientIp } from './client-ip.util';

/** The request fields clientIp reads, as Express and Fastify present them. */
function requestFrom(fields: {
  ip?: string;
  socket?: string;
  rawSocket?: string;
  xff?: string | string[];
}): RestflowRequest {
  return {
    method: 'GET',
    url: '/',
    query: {},
    params: {},
    headers: fields.xff === undefined ? {} : { 'x-forwarded-for': fields.xff },
    ip: fields.ip,
    socket: fields.socket === undefined ? undefined : { remoteAddress: fields.socket },
    raw:
      fields.rawSocket === undefined ? undefined : { socket: { remoteAddress: fields.rawSocket } },
  } as RestflowRequest;
}

describe('clientIp', () => {
  const xff = '203.0.113.9, 198.51.100.7 ,10.0.0.2';

  it.each<[string, Parameters<typeof requestFrom>[0], number | null, string]>([
    [
      'null: the adapter ip, ignoring XFF',
      { ip: '127.0.0.1', socket: '127.0.0.1', xff },
      null,
      '127.0.0.1',
    ],
    ['null: the socket when the adapter has no ip', { socket: '::1', xff }, null, '::1'],
    ['null: the raw socket (Fastify) as a last resort', { rawSocket: '::1' }, null, '::1'],
    ['0: the socket address', { ip: '203.0.113.50', socket: '10.0.0.9', xff }, 0, '10.0.0.9'],
    ['1: the last XFF entry', { socket: '10.0.0.9', xff }, 1, '10.0.0.2'],
    ['2: the second from the end, trimmed', { socket: '10.0.0.9', xff }, 2, '198.51.100.7'],
    ['3: the first entry', { socket: '10.0.0.9', xff }, 3, '203.0.113.9'],
    ['more proxies than entries: the first entry', { socket: '10.0.0.9', xff }, 9, '203.0.113.9'],
    ['n without XFF: the socket address', { socket: '10.0.0.9' }, 2, '10.0.0.9'],
    [
      'an empty chosen entry: the socket address',
      { socket: '10.0.0.9', xff: ' , ' },
      1,
      '10.0.0.9',
    ],
    [
      'repeated XFF headers, joined',
      { socket: '10.0.0.9', xff: ['203.0.113.9', '10.0.0.2'] },
      2,
      '203.0.113.9',
    ],
  ])('%s', (_case, fields, numProxies, expected) => {
    expect(clientIp(requestFrom(fields), numProxies)).toBe(expected);
  });
});
