/**
 * Password hashing with argon2id from node:crypto (Node ≥ 24.7), at the OWASP Password
 * Storage Cheat Sheet's first recommended setting: m = 19 MiB, t = 2, p = 1.
 * The parameters are stored in the PHC string, so they can be raised later and old
 * hashes still verify (and can be rehashed at login).
 */
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';

export interface Argon2Params {
  memory: number; // KiB
  passes: number;
  parallelism: number;
}

export const OWASP_PARAMS: Argon2Params = { memory: 19456, passes: 2, parallelism: 1 };

function derive(password: string, salt: Buffer, p: Argon2Params, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: password, nonce: salt, parallelism: p.parallelism, tagLength: length, memory: p.memory, passes: p.passes },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: Argon2Params = OWASP_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params, 32);
  return `$argon2id$v=19$m=${params.memory},t=${params.passes},p=${params.parallelism}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  if (!m) return false;
  const params = { memory: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) };
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  // A damaged stored value (salt or key too short, impossible parameters) opens nothing;
  // it must not turn a login into a server error either.
  const key = await derive(password, salt, params, expected.length).catch(() => undefined);
  return key !== undefined && timingSafeEqual(key, expected);
}

/** A hash of a random password: verifying against it costs the same as a real check,
 * so unknown emails answer in similar time to known ones. */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

// ~30 000 most common passwords (zxcvbn-ts' list, from real leaks) plus French favourites
// that list lacks. NIST SP 800-63B asks to refuse known-compromised passwords rather than
// impose composition rules.
const FRENCH_COMMON = [
  'azerty', 'azertyuiop', 'azerty123', 'azertyui', 'motdepasse', 'mot2passe', 'motdepasse1', 'soleil', 'bonjour',
  'doudou', 'loulou', 'chouchou', 'marseille', 'nicolas', 'camille', 'coucou', 'benevole', 'benevolat',
  'benevalibre', 'association', 'jetaime', 'doudou123', 'chocolat', 'football', 'password1', 'qwertzuiop',
];
const common = new Set<string>([...(dictionary['passwords-common'] as string[]), ...FRENCH_COMMON]);

export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}
