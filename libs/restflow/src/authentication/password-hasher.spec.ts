import { hashPassword, verifyPassword } from './password-hasher';

describe('hashPassword / verifyPassword', () => {
  it('hashes into the self-describing scrypt format with a random salt', async () => {
    const first = await hashPassword('correct horse');
    const second = await hashPassword('correct horse');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(first).not.toBe(second);
    expect(first.length).toBeLessThanOrEqual(140);
  });

  it('verifies the right password only', async () => {
    const encoded = await hashPassword('correct horse');
    await expect(verifyPassword('correct horse', encoded)).resolves.toBe(true);
    await expect(verifyPassword('correct hors', encoded)).resolves.toBe(false);
    await expect(verifyPassword('', encoded)).resolves.toBe(false);
  });

  it('reads the parameters from the stored hash', async () => {
    const encoded = await hashPassword('pw', { cost: 1024, blockSize: 4, parallelization: 2 });
    expect(encoded.startsWith('scrypt$1024$4$2$')).toBe(true);
    await expect(verifyPassword('pw', encoded)).resolves.toBe(true);
  });

  it('normalises to NFKC: composed and decomposed accents verify alike', async () => {
    const encoded = await hashPassword('caf\u00e9');
    await expect(verifyPassword('cafe\u0301', encoded)).resolves.toBe(true);
  });

  it('answers false for a missing user, another format or a corrupt hash', async () => {
    await expect(verifyPassword('pw', null)).resolves.toBe(false);
    await expect(verifyPassword('pw', undefined)).resolves.toBe(false);
    await expect(verifyPassword('pw', 'pbkdf2_sha256$600000$salt$hash')).resolves.toBe(false);
    await expect(verifyPassword('pw', 'scrypt$1000$8$1$c2FsdA==$aGFzaA==')).resolves.toBe(false);
    await expect(verifyPassword('pw', `scrypt$${2 ** 24}$8$1$c2FsdA==$aGFzaA==`)).resolves.toBe(
      false,
    );
    await expect(verifyPassword('pw', 'scrypt$16384$8$1$!!$??')).resolves.toBe(false);
  });

  it('refuses parameters out of range', async () => {
    await expect(hashPassword('pw', { cost: 1000 })).rejects.toThrow(RangeError);
    await expect(hashPassword('pw', { blockSize: 0 })).rejects.toThrow(
      'cost must be a power of two from 2 to 1048576',
    );
  });
});
