/** Configuration from the environment: defaults, production rules, and messages naming the variable. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const PROD = { BV_ENV: 'production', BV_ORIGIN: 'https://benevoles.example.org', BV_SECRET: 'a'.repeat(64) };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`configuration accepted: ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('works with nothing set, for a first try on a laptop', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      origin: 'http://localhost:3000',
      secure: false,
      listenHost: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('data'),
      databaseFile: path.join(path.resolve('data'), 'benevalibre.sqlite'),
      secret: undefined,
      smtpUrl: undefined,
      mailFrom: 'Bénévalibre <no-reply@localhost>',
      instanceName: 'Bénévalibre',
      registrationOpen: true,
      trustProxy: false,
      logLevel: 'info',
      allowPrivateAddresses: false,
      tls: undefined,
    });
  });

  it('reads a full production configuration', () => {
    const config = loadConfig({
      ...PROD,
      BV_ORIGIN: 'https://benevoles.example.org/',
      BV_PORT: '8080',
      BV_LISTEN_HOST: '0.0.0.0',
      BV_DATA_DIR: '/var/lib/benevalibre',
      BV_SMTP_URL: 'smtps://user:pw@smtp.example.org:465',
      BV_INSTANCE_NAME: 'Bénévoles du Doubs',
      BV_REGISTRATION_OPEN: 'non',
      BV_TRUST_PROXY: 'yes',
      BV_LOG_LEVEL: 'warning',
    });
    expect(config).toMatchObject({
      env: 'production',
      origin: 'https://benevoles.example.org', // trailing slash dropped
      secure: true,
      port: 8080,
      listenHost: '0.0.0.0',
      databaseFile: '/var/lib/benevalibre/benevalibre.sqlite',
      smtpUrl: 'smtps://user:pw@smtp.example.org:465',
      mailFrom: 'Bénévoles du Doubs <no-reply@benevoles.example.org>',
      registrationOpen: false,
      trustProxy: true,
      logLevel: 'warning',
    });
  });

  it('accepts the documented .env.example as it is, empty values meaning "not set"', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const env = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env.BV_SECRET).toBe('');
    const config = loadConfig(env);
    expect(config.secret).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailFrom).toBe('Bénévalibre <no-reply@benevoles.example.org>');
    expect(loadConfig({ BV_PORT: '', BV_SMTP_URL: ' ' })).toMatchObject({ port: 3000, smtpUrl: undefined });
  });

  it.each([
    [{ BV_PORT: 'abc' }, 'BV_PORT must be a port number between 1 and 65535'],
    [{ BV_PORT: '70000' }, 'BV_PORT must be a port number between 1 and 65535'],
    [{ BV_PORT: '0' }, 'BV_PORT must be a port number between 1 and 65535'],
    [{ BV_SMTP_URL: 'foo' }, 'BV_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465'],
    [{ BV_ENV: 'prod' }, 'BV_ENV must be one of production, development, test'],
    [{ BV_ORIGIN: 'benevoles.example.org' }, 'BV_ORIGIN must be the public address of the site, e.g. https://benevoles.example.org'],
    [{ BV_ORIGIN: 'https://example.org/benevoles' }, 'BV_ORIGIN must have no path (got https://example.org/benevoles)'],
    [{ BV_ORIGIN: 'ftp://example.org' }, 'BV_ORIGIN must start with https:// (or http:// to try it locally), got ftp://example.org'],
    [{ BV_SECRET: 'trop-court' }, 'BV_SECRET must be at least 32 characters (try: openssl rand -hex 32)'],
    [{ BV_TRUST_PROXY: 'peut-être' }, 'BV_TRUST_PROXY must be true or false (got "peut-être")'],
    [{ BV_REGISTRATION_OPEN: '2' }, 'BV_REGISTRATION_OPEN must be true or false (got "2")'],
    [{ BV_LOG_LEVEL: 'verbose' }, 'BV_LOG_LEVEL must be debug, info, warning or error'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('lists every problem at once, each naming its variable', () => {
    const problems = problemsOf({ BV_PORT: 'abc', BV_SMTP_URL: 'foo', BV_ENV: 'prod', BV_INSTANCE_NAME: 'x'.repeat(81) });
    expect(problems).toHaveLength(4);
    for (const name of ['BV_PORT', 'BV_SMTP_URL', 'BV_ENV', 'BV_INSTANCE_NAME']) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
    expect(() => loadConfig({ BV_PORT: 'abc' })).toThrow(
      new ConfigError(['BV_PORT must be a port number between 1 and 65535']),
    );
    expect(() => loadConfig({ BV_PORT: 'abc' })).toThrow('Invalid configuration:\n  - BV_PORT must be a port number between 1 and 65535');
  });

  it('requires a secret and https in production', () => {
    expect(problemsOf({ BV_ENV: 'production' })).toEqual([
      'BV_SECRET is required in production (try: openssl rand -hex 32)',
      'BV_ORIGIN must be https in production',
    ]);
    expect(problemsOf({ ...PROD, BV_ORIGIN: 'http://benevoles.example.org' })).toEqual(['BV_ORIGIN must be https in production']);
    expect(problemsOf({ ...PROD, BV_SECRET: '' })).toEqual(['BV_SECRET is required in production (try: openssl rand -hex 32)']);
    expect(loadConfig(PROD).secret).toBe(PROD.BV_SECRET);
  });

  it('refuses private addresses in production, allows them in tests', () => {
    expect(problemsOf({ ...PROD, BV_ALLOW_PRIVATE_ADDRESSES: 'true' })).toEqual([
      'BV_ALLOW_PRIVATE_ADDRESSES is for tests only and is refused in production',
    ]);
    expect(loadConfig({ ...PROD, BV_ALLOW_PRIVATE_ADDRESSES: 'false' }).allowPrivateAddresses).toBe(false);
    expect(loadConfig({ BV_ENV: 'test', BV_ALLOW_PRIVATE_ADDRESSES: 'true' }).allowPrivateAddresses).toBe(true);
  });

  it('serves HTTPS itself only with both a certificate and a key file', () => {
    expect(loadConfig({ BV_TLS_CERT_FILE: '/etc/bv/cert.pem', BV_TLS_KEY_FILE: 'key.pem' }).tls).toEqual({
      certFile: '/etc/bv/cert.pem',
      keyFile: path.resolve('key.pem'),
    });
    const both = 'BV_TLS_CERT_FILE and BV_TLS_KEY_FILE go together: set both (PEM files) or neither';
    expect(problemsOf({ BV_TLS_CERT_FILE: '/etc/bv/cert.pem' })).toEqual([both]);
    expect(problemsOf({ BV_TLS_KEY_FILE: '/etc/bv/key.pem', BV_TLS_CERT_FILE: ' ' })).toEqual([both]);
    expect(loadConfig({ BV_TLS_CERT_FILE: '', BV_TLS_KEY_FILE: '' }).tls).toBeUndefined();
  });

  it('reads yes/no words in French and English', () => {
    for (const [value, expected] of [['1', true], ['TRUE', true], ['oui', true], ['on', true], ['0', false], ['Non', false], ['off', false]] as const) {
      expect(loadConfig({ BV_REGISTRATION_OPEN: value }).registrationOpen).toBe(expected);
    }
  });
});
