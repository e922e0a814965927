import { csrfTokenMatches, isCsrfSecret, maskCsrfSecret, newCsrfSecret } from './csrf-token.util';

describe('CSRF tokens', () => {
  it('masks one secret into a different token each time, all of which verify', () => {
    const secret = newCsrfSecret();
    expect(isCsrfSecret(secret)).toBe(true);
    const tokens = Array.from({ length: 5 }, () => maskCsrfSecret(secret));
    expect(new Set(tokens).size).toBe(5);
    for (const token of tokens) {
      expect(token).toMatch(/^[\w-]{86}$/);
      expect(token).not.toContain(secret);
      expect(csrfTokenMatches(token, secret)).toBe(true);
    }
  });

  it('refuses a token of another secret, a tampered token and malformed values', () => {
    const secret = newCsrfSecret();
    const token = maskCsrfSecret(secret);
    expect(csrfTokenMatches(maskCsrfSecret(newCsrfSecret()), secret)).toBe(false);
    const flipped = (token[50] === 'A' ? 'B' : 'A') as string;
    expect(csrfTokenMatches(token.slice(0, 50) + flipped + token.slice(51), secret)).toBe(false);
    expect(csrfTokenMatches(token.slice(1), secret)).toBe(false);
    expect(csrfTokenMatches(`${token}A`, secret)).toBe(false);
    expect(csrfTokenMatches(secret, secret)).toBe(false);
    expect(csrfTokenMatches(token, 'not a secret')).toBe(false);
    expect(isCsrfSecret(42)).toBe(false);
  });
});
