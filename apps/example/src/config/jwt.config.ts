import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/**
 * The HS256 secret of the access and refresh tokens: `JWT_SIGNING_KEY` (at least 32 characters).
 * Without it, a development run uses a random secret (tokens die with the process) and a
 * production run (`NODE_ENV=production`) refuses to start.
 */
export function jwtSigningKey(environment: NodeJS.ProcessEnv = process.env): string {
  const key = environment.JWT_SIGNING_KEY;
  if (key !== undefined && key !== '') {
    if (key.length < 32) {
      throw new Error('JWT_SIGNING_KEY is too short: use at least 32 random characters.');
    }
    return key;
  }
  if (environment.NODE_ENV === 'production') {
    throw new Error(
      'JWT_SIGNING_KEY is not set: production needs a fixed secret of 32+ characters.',
    );
  }
  new Logger('Auth').warn(
    'JWT_SIGNING_KEY is not set: using a random secret; tokens are lost on restart.',
  );
  return randomBytes(32).toString('base64url');
}
