import { Logger } from '@nestjs/common';
import { jwtSigningKey } from './jwt.config';

describe('jwtSigningKey', () => {
  it('uses JWT_SIGNING_KEY when it is long enough', () => {
    const key = 'k'.repeat(32);
    expect(jwtSigningKey({ JWT_SIGNING_KEY: key, NODE_ENV: 'production' })).toBe(key);
  });

  it('refuses a short key, and a production run without one', () => {
    expect(() => jwtSigningKey({ JWT_SIGNING_KEY: 'short' })).toThrow(
      'JWT_SIGNING_KEY is too short: use at least 32 random characters.',
    );
    expect(() => jwtSigningKey({ NODE_ENV: 'production' })).toThrow(
      'JWT_SIGNING_KEY is not set: production needs a fixed secret of 32+ characters.',
    );
  });

  it('makes a random secret per call in development, and says so', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const first = jwtSigningKey({});
    const second = jwtSigningKey({ JWT_SIGNING_KEY: '' });
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(warn).toHaveBeenCalledWith(
      'JWT_SIGNING_KEY is not set: using a random secret; tokens are lost on restart.',
    );
    warn.mockRestore();
  });
});
