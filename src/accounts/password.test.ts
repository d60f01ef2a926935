/** argon2id hashing (PHC strings at the OWASP setting) and the common-password list. */
import { argon2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OWASP_PARAMS, hashPassword, isCommonPassword, timingDummyHash, verifyPassword } from './password.ts';

const PHC = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

describe('password hashing', () => {
  it('produces an argon2id PHC string at m=19456, t=2, p=1 with a 16-byte salt and 32-byte key', async () => {
    expect(OWASP_PARAMS).toEqual({ memory: 19456, passes: 2, parallelism: 1 });
    const hash = await hashPassword('une longue phrase de passe');
    expect(hash).toMatch(PHC);
    expect(hash).not.toContain('une longue phrase');
  });

  it('verifies the right password only', async () => {
    const hash = await hashPassword('une longue phrase de passe');
    expect(await verifyPassword('une longue phrase de passe', hash)).toBe(true);
    expect(await verifyPassword('une longue phrase de passE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('même mot de passe'), hashPassword('même mot de passe')]);
    expect(a).not.toBe(b);
    expect(PHC.exec(a)?.[1]).not.toBe(PHC.exec(b)?.[1]);
  });

  it('is the standard argon2id: the key matches an independent computation', async () => {
    const hash = await hashPassword('vérification croisée');
    const [, salt, key] = PHC.exec(hash)!;
    const expected = argon2Sync('argon2id', {
      message: 'vérification croisée',
      nonce: Buffer.from(salt!, 'base64'),
      parallelism: 1,
      tagLength: 32,
      memory: 19456,
      passes: 2,
    });
    expect(Buffer.from(key!, 'base64').equals(expected)).toBe(true);
  });

  it('still verifies hashes made with other parameters (they are read from the string)', async () => {
    const light = { memory: 1024, passes: 1, parallelism: 1 };
    const hash = await hashPassword('paramètres anciens', light);
    expect(hash.startsWith('$argon2id$v=19$m=1024,t=1,p=1$')).toBe(true);
    expect(await verifyPassword('paramètres anciens', hash)).toBe(true);
    expect(await verifyPassword('paramètres nouveaux', hash)).toBe(false);
  });

  it('answers false, without throwing, for a stored value that is no usable argon2id PHC string', async () => {
    for (const stored of [
      '',
      'plain text',
      '$2b$10$abcdefghijklmnopqrstuv',
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5',
      '$argon2id$v=19$m=19456,t=2,p=1$$',
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5', // key of 3 bytes
      '$argon2id$v=19$m=1,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5', // memory below the minimum
      '$argon2id$v=19$m=19456,t=2,p=1$c2E$a2V5a2V5a2V5a2V5', // salt of 2 bytes
    ]) {
      expect(await verifyPassword('plain text', stored)).toBe(false);
    }
  });

  it('keeps one dummy hash for unknown emails, which no password opens', async () => {
    const dummy = await timingDummyHash();
    expect(dummy).toMatch(PHC);
    expect(await timingDummyHash()).toBe(dummy);
    expect(await verifyPassword('', dummy)).toBe(false);
  });
});

describe('common passwords', () => {
  it.each(['password', 'Password', '123456789', 'azerty123', 'AZERTY', 'motdepasse', 'soleil', 'qwertyuiop', 'iloveyou'])(
    'knows %s',
    (password) => expect(isCommonPassword(password)).toBe(true),
  );

  it.each(['une longue phrase de passe', 'Cheval-Agrafe-Pile-42', 'bénévoles du Doubs 2026'])('lets %s through', (password) =>
    expect(isCommonPassword(password)).toBe(false),
  );
});
