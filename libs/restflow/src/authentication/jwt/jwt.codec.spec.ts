import {
  createHmac,
  createSecretKey,
  generateKeyPairSync,
  type KeyObject,
  type KeyPairKeyObjectResult,
} from 'node:crypto';
import { JWT_ALGORITHMS, type JwtAlgorithm } from './jwt-algorithms';
import { decodeJwt, encodeJwt, type DecodeOptions, type JwtPayload } from './jwt.codec';
import { TokenError } from './token-error';

const NOW = 1_800_000_000;
const secret = createSecretKey(Buffer.from('unit-secret-of-at-least-thirty-two-bytes'));

const pairs: Record<JwtAlgorithm, { sign: KeyObject; verify: KeyObject }> = (() => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve });
  const pair = ({ privateKey, publicKey }: KeyPairKeyObjectResult) => ({
    sign: privateKey,
    verify: publicKey,
  });
  return {
    HS256: { sign: secret, verify: secret },
    HS384: { sign: secret, verify: secret },
    HS512: { sign: secret, verify: secret },
    RS256: pair(rsa),
    RS384: pair(rsa),
    RS512: pair(rsa),
    ES256: pair(ec('P-256')),
    ES384: pair(ec('P-384')),
    ES512: pair(ec('P-521')),
    EdDSA: pair(generateKeyPairSync('ed448')),
  };
})();

const claims = (overrides: Partial<JwtPayload> = {}): JwtPayload => ({
  token_type: 'access',
  iat: NOW,
  exp: NOW + 300,
  jti: 'j',
  user_id: 1,
  ...overrides,
});

const options = (overrides: Partial<DecodeOptions> = {}): DecodeOptions => ({
  algorithm: 'HS256',
  key: secret,
  issuer: null,
  audience: null,
  leeway: 0,
  now: NOW + 1,
  ...overrides,
});

/** A token with any header and payload, HMAC-signed independently of the codec. */
function handMade(header: unknown, payload: unknown): string {
  const part = (value: unknown) =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${createHmac('sha256', secret.export()).update(input).digest('base64url')}`;
}

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return (error as Error).message;
  }
  throw new Error('expected a TokenError');
}

describe('encodeJwt / decodeJwt', () => {
  it.each(Object.keys(JWT_ALGORITHMS) as JwtAlgorithm[])(
    'round-trips %s and refuses the token under any other pinned algorithm',
    (algorithm) => {
      const { sign, verify } = pairs[algorithm];
      const token = encodeJwt(claims(), algorithm, sign);
      expect(decodeJwt(token, options({ algorithm, key: verify }))).toEqual(claims());
      for (const other of Object.keys(JWT_ALGORITHMS) as JwtAlgorithm[]) {
        if (other === algorithm) continue;
        expect(reason(() => decodeJwt(token, options({ algorithm: other, key: verify })))).toBe(
          'The specified alg value is not allowed',
        );
      }
    },
  );

  it('writes the header as {"alg","typ":"JWT"} and compact JSON, without padding', () => {
    const token = encodeJwt({ a: 1 }, 'HS256', secret);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    expect(Buffer.from(header, 'base64url').toString()).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(Buffer.from(payload, 'base64url').toString()).toBe('{"a":1}');
    expect(token).not.toContain('=');
    expect(Buffer.from(signature, 'base64url')).toHaveLength(32);
  });

  it('applies the leeway to exp, iat and nbf', () => {
    const token = encodeJwt(claims({ exp: NOW - 5, iat: NOW + 5, nbf: NOW + 5 }), 'HS256', secret);
    expect(reason(() => decodeJwt(token, options({ now: NOW })))).toBe(
      'The token is not yet valid (iat)',
    );
    expect(decodeJwt(token, options({ now: NOW, leeway: 6 })).user_id).toBe(1);
    const expired = encodeJwt(claims({ exp: NOW }), 'HS256', secret);
    expect(reason(() => decodeJwt(expired, options({ now: NOW })))).toBe('Token has expired.');
    expect(decodeJwt(expired, options({ now: NOW, leeway: 1 })).exp).toBe(NOW);
    const early = encodeJwt(claims({ nbf: NOW + 60 }), 'HS256', secret);
    expect(reason(() => decodeJwt(early, options({ now: NOW })))).toBe(
      'The token is not yet valid (nbf)',
    );
  });

  it.each<[string, Partial<JwtPayload>, string]>([
    ['exp missing', { exp: undefined }, 'Token is missing the "exp" claim'],
    ['exp null', { exp: null as never }, 'Token is missing the "exp" claim'],
    ['iat missing', { iat: undefined }, 'Token is missing the "iat" claim'],
    ['iat a string', { iat: 'soon' as never }, 'Issued At claim (iat) must be an integer.'],
    ['exp a string', { exp: 'later' as never }, 'Expiration Time claim (exp) must be an integer.'],
    ['nbf a string', { nbf: 'x' as never }, 'Not Before claim (nbf) must be an integer.'],
  ])('refuses claims with %s', (_case, overrides, message) => {
    const token = encodeJwt(claims(overrides), 'HS256', secret);
    expect(reason(() => decodeJwt(token, options()))).toBe(message);
  });

  it('checks iss and aud only when they are configured', () => {
    const token = encodeJwt(claims({ iss: 'a', aud: ['x', 'y'] }), 'HS256', secret);
    expect(decodeJwt(token, options()).iss).toBe('a');
    expect(decodeJwt(token, options({ issuer: 'a', audience: 'y' })).aud).toEqual(['x', 'y']);
    expect(reason(() => decodeJwt(token, options({ issuer: 'b' })))).toBe('Invalid issuer');
    expect(reason(() => decodeJwt(token, options({ audience: 'z' })))).toBe('Invalid audience');
    const bare = encodeJwt(claims(), 'HS256', secret);
    expect(reason(() => decodeJwt(bare, options({ issuer: 'a' })))).toBe(
      'Token is missing the "iss" claim',
    );
    expect(reason(() => decodeJwt(bare, options({ audience: 'x' })))).toBe(
      'Token is missing the "aud" claim',
    );
    const odd = encodeJwt(claims({ aud: [1] as never }), 'HS256', secret);
    expect(reason(() => decodeJwt(odd, options({ audience: 'x' })))).toBe(
      'Invalid claim format in token',
    );
  });

  it.each<[string, string, string]>([
    ['no dot', 'abc', 'Not enough segments'],
    ['one dot', 'abc.def', 'Not enough segments'],
    ['an impossible base64url length', 'a.e30.e30', 'Invalid header padding'],
    ['a character outside base64url', 'e30=.e30.e30', 'Invalid header padding'],
    [
      'a header that is not UTF-8',
      `${Buffer.from([0xff]).toString('base64url')}.e30.e30`,
      'Invalid header string: ',
    ],
    ['a payload segment with a dot inside', 'e30.a.b.c', 'Invalid payload padding'],
    ['a bad signature segment', 'e30.e30.a', 'Invalid crypto padding'],
    ['an empty header object', 'e30.e30.', 'The specified alg value is not allowed'],
  ])('refuses a token with %s', (_case, token, message) => {
    expect(reason(() => decodeJwt(token, options()))).toContain(message);
  });

  it('checks the signature before reading the payload', () => {
    const notJson = handMade({ alg: 'HS256' }, 'not json');
    expect(reason(() => decodeJwt(notJson, options()))).toMatch(/^Invalid payload string: /);
    const tampered = `${notJson.slice(0, notJson.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expect(reason(() => decodeJwt(tampered, options()))).toBe('Signature verification failed');
    const list = handMade({ alg: 'HS256' }, [1, 2]);
    expect(reason(() => decodeJwt(list, options()))).toBe(
      'Invalid payload string: must be a json object',
    );
  });

  it('refuses a truncated ECDSA signature', () => {
    const { sign, verify } = pairs.ES256;
    const token = encodeJwt(claims(), 'ES256', sign);
    const input = token.slice(0, token.lastIndexOf('.'));
    const truncated = `${input}.${token.slice(token.lastIndexOf('.') + 1, -4)}`;
    expect(reason(() => decodeJwt(truncated, options({ algorithm: 'ES256', key: verify })))).toBe(
      'Signature verification failed',
    );
  });
});
