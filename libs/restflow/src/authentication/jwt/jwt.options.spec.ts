import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { resolveRestflowOptions } from '../../restflow.module-options';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { JWTAuthentication } from './jwt.authentication';
import { resolveJwtKeys } from './jwt-keys';
import { checkJwtOptions, type JwtOptions } from './jwt.options';

const SECRET = 'unit-secret-of-at-least-thirty-two-bytes';
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: import('node:crypto').KeyObject) =>
  key
    .export(
      key.type === 'private' ? { type: 'pkcs8', format: 'pem' } : { type: 'spki', format: 'pem' },
    )
    .toString();

const resolve = (jwt: JwtOptions, defaults = false) =>
  resolveRestflowOptions({
    jwt,
    ...(defaults ? { authentication: { defaultAuthenticationClasses: [JWTAuthentication] } } : {}),
  });

function failure(run: () => unknown): RestflowConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RestflowConfigError);
    return error as RestflowConfigError;
  }
  throw new Error('expected a RestflowConfigError');
}

describe('the jwt options', () => {
  it('default to HS256, 5 minutes, 1 day, Bearer and rotation, with no key', () => {
    expect(resolveRestflowOptions({}).jwt).toEqual({
      signingKey: null,
      verifyingKey: null,
      algorithm: 'HS256',
      accessTokenLifetime: 300,
      refreshTokenLifetime: 86_400,
      issuer: null,
      audience: null,
      leeway: 0,
      userIdClaim: 'user_id',
      authHeaderTypes: ['Bearer'],
      rotateRefreshTokens: true,
      blacklist: null,
      blacklistEnabled: true,
      blacklistTimeoutMs: 1000,
      blacklistAllowInMemory: false,
      checkUserIsActive: true,
      checkRevokeToken: null,
      revokeTokenClaim: 'hash_password',
    });
  });

  it('refuses "none" in any case with the reason', () => {
    const error = failure(() => resolve({ algorithm: 'NONE' as never }));
    expect(error.option).toBe('jwt.algorithm');
    expect(error.message).toContain("The 'none' algorithm disables signature verification");
  });

  it('never echoes a key in its messages', () => {
    const error = failure(() =>
      resolveJwtKeys(resolve({ algorithm: 'RS256', signingKey: `${SECRET}-PRIVATE` }).jwt),
    );
    expect(error.message).not.toContain(SECRET);
  });
});

describe('checkJwtOptions', () => {
  it('requires a key when JWTAuthentication is a default authenticator', () => {
    const error = failure(() => checkJwtOptions(resolve({}, true)));
    expect(error.option).toBe('jwt.signingKey');
    expect(error.message).toMatch(/^Missing RestflowModule option "jwt.signingKey"/);
    expect(() => checkJwtOptions(resolve({}))).not.toThrow();
  });

  it('checks a configured key against the algorithm even without the authenticator', () => {
    const error = failure(() => checkJwtOptions(resolve({ signingKey: pem(ec.privateKey) })));
    expect(error.message).toContain('expects an HMAC secret but signingKey looks like a PEM');
  });

  it('accepts secrets as strings or KeyObjects, and key pairs as PEM or KeyObjects', () => {
    expect(() => checkJwtOptions(resolve({ signingKey: SECRET }, true))).not.toThrow();
    const secretKey = createSecretKey(Buffer.from(SECRET));
    expect(() => checkJwtOptions(resolve({ signingKey: secretKey }, true))).not.toThrow();
    const asPem = { algorithm: 'ES256' as const, signingKey: pem(ec.privateKey) };
    expect(
      resolveJwtKeys(resolve({ ...asPem, verifyingKey: pem(ec.publicKey) }).jwt).signingKey?.type,
    ).toBe('private');
    expect(
      resolveJwtKeys(resolve({ algorithm: 'ES256', signingKey: ec.privateKey }).jwt).verifyingKey
        .type,
    ).toBe('public');
  });

  it('accepts a verifying key alone for asymmetric algorithms (verify-only services)', () => {
    const keys = resolveJwtKeys(resolve({ algorithm: 'ES256', verifyingKey: ec.publicKey }).jwt);
    expect(keys.signingKey).toBeNull();
    const error = failure(() => resolveJwtKeys(resolve({ verifyingKey: SECRET }).jwt));
    expect(error.option).toBe('jwt.signingKey');
  });

  it('refuses a public key as the signing key and an RSA key below 2048 bits', () => {
    expect(
      failure(() => resolveJwtKeys(resolve({ algorithm: 'ES256', signingKey: ec.publicKey }).jwt))
        .message,
    ).toContain('signs with a private key and verifies with a public one, got a public key');
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(
      failure(() =>
        resolveJwtKeys(resolve({ algorithm: 'RS256', signingKey: small.privateKey }).jwt),
      ).message,
    ).toContain('needs an RSA key of at least 2048 bits, got 1024 bits');
  });
});
