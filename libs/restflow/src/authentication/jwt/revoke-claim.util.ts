import { createHash, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * The key the password-hash fingerprints are computed with: derived from the verifying key, so
 * that every service that can verify tokens can check the claim. With an HMAC algorithm it is
 * the secret (the claim tells a reader nothing about the hash); with a key pair it is the public
 * key (the fingerprint is then as good as a plain hash of the stored, salted password hash).
 *
 * @internal
 */
export function revokeClaimKey(verifyingKey: KeyObject): Buffer {
  const material =
    verifyingKey.type === 'secret'
      ? verifyingKey.export()
      : verifyingKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update('restflow:jwt:revoke-claim:').update(material).digest();
}

/**
 * The revoke claim of a password hash: HMAC-SHA256 of the stored hash, truncated to 128 bits
 * (32 hex characters). It changes whenever the hash changes (a new password, or a rehash with a
 * new salt).
 *
 * @internal
 */
export function passwordFingerprint(passwordHash: string, key: Buffer): string {
  return createHmac('sha256', key).update(passwordHash, 'utf8').digest('hex').slice(0, 32);
}

/** Whether a token's claim matches the fingerprint, in constant time. @internal */
export function fingerprintMatches(claim: unknown, expected: string): boolean {
  if (typeof claim !== 'string' || claim.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(claim, 'utf8'), Buffer.from(expected, 'utf8'));
}
