/**
 * The only reader of `process.env`: one zod schema over the environment, with defaults
 * that let `npm start` work on a fresh checkout and messages that tell an operator
 * exactly which variable to fix and how.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const v = value.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on', 'oui'].includes(v)) return true;
      if (['0', 'false', 'no', 'off', 'non'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${value}")` });
      return z.NEVER;
    });

const envSchema = z.object({
  BV_ENV: z
    .enum(['production', 'development', 'test'], {
      error: 'BV_ENV must be one of production, development, test',
    })
    .default('development'),
  BV_ORIGIN: z
    .url({ error: 'BV_ORIGIN must be the public address of the site, e.g. https://benevoles.example.org' })
    .optional(),
  BV_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  BV_PORT: z.coerce
    .number({ error: 'BV_PORT must be a port number between 1 and 65535' })
    .int()
    .min(1)
    .max(65535)
    .default(3000),
  BV_DATA_DIR: z.string().min(1).default('data'),
  BV_SECRET: z
    .string()
    .min(32, { error: 'BV_SECRET must be at least 32 characters (try: openssl rand -hex 32)' })
    .optional(),
  BV_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, { error: 'BV_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465' })
    .optional(),
  BV_MAIL_FROM: z.string().min(3).optional(),
  BV_INSTANCE_NAME: z.string().min(1).max(80).default('Bénévalibre'),
  BV_REGISTRATION_OPEN: bool('BV_REGISTRATION_OPEN', true),
  BV_TRUST_PROXY: bool('BV_TRUST_PROXY', false),
  BV_LOG_LEVEL: z
    .enum(['debug', 'info', 'warning', 'error'], { error: 'BV_LOG_LEVEL must be debug, info, warning or error' })
    .default('info'),
  BV_ALLOW_PRIVATE_ADDRESSES: bool('BV_ALLOW_PRIVATE_ADDRESSES', false),
  BV_TLS_CERT_FILE: z.string().min(1).optional(),
  BV_TLS_KEY_FILE: z.string().min(1).optional(),
});

export type Environment = 'production' | 'development' | 'test';

export interface Config {
  env: Environment;
  /** Public origin without trailing slash, e.g. https://benevoles.example.org */
  origin: string;
  secure: boolean;
  listenHost: string;
  port: number;
  dataDir: string;
  databaseFile: string;
  /** Undefined in development when not set: main.ts then keeps one in the data directory. */
  secret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  instanceName: string;
  registrationOpen: boolean;
  trustProxy: boolean;
  logLevel: 'debug' | 'info' | 'warning' | 'error';
  allowPrivateAddresses: boolean;
  /** PEM files: when both are set the server itself speaks HTTPS (no reverse proxy needed, e.g. the federation tests). */
  tls: { certFile: string; keyFile: string } | undefined;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the configuration from an environment object (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // `NAME=` with nothing after it (as in .env.example, or a service manager's
  // EnvironmentFile) means "not set": the default applies instead of a confusing error.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const origin = (e.BV_ORIGIN ?? `http://localhost:${e.BV_PORT}`).replace(/\/+$/, '');
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // Links in emails and the CSRF origin check need a web address.
    problems.push(`BV_ORIGIN must start with https:// (or http:// to try it locally), got ${origin}`);
  } else if (url.pathname !== '/' && url.pathname !== '') problems.push('BV_ORIGIN must have no path (got ' + origin + ')');
  if (e.BV_ENV === 'production') {
    if (!e.BV_SECRET) problems.push('BV_SECRET is required in production (try: openssl rand -hex 32)');
    if (url.protocol !== 'https:') problems.push('BV_ORIGIN must be https in production');
    if (e.BV_ALLOW_PRIVATE_ADDRESSES) {
      problems.push('BV_ALLOW_PRIVATE_ADDRESSES is for tests only and is refused in production');
    }
  }
  if (Boolean(e.BV_TLS_CERT_FILE) !== Boolean(e.BV_TLS_KEY_FILE)) {
    // One without the other would silently serve plain HTTP where HTTPS was meant.
    problems.push('BV_TLS_CERT_FILE and BV_TLS_KEY_FILE go together: set both (PEM files) or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(e.BV_DATA_DIR);
  return {
    env: e.BV_ENV,
    origin: url.origin,
    secure: url.protocol === 'https:',
    listenHost: e.BV_LISTEN_HOST,
    port: e.BV_PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'benevalibre.sqlite'),
    secret: e.BV_SECRET,
    smtpUrl: e.BV_SMTP_URL,
    mailFrom: e.BV_MAIL_FROM ?? `${e.BV_INSTANCE_NAME} <no-reply@${url.hostname}>`,
    instanceName: e.BV_INSTANCE_NAME,
    registrationOpen: e.BV_REGISTRATION_OPEN,
    trustProxy: e.BV_TRUST_PROXY,
    logLevel: e.BV_LOG_LEVEL,
    allowPrivateAddresses: e.BV_ALLOW_PRIVATE_ADDRESSES,
    tls:
      e.BV_TLS_CERT_FILE && e.BV_TLS_KEY_FILE
        ? { certFile: path.resolve(e.BV_TLS_CERT_FILE), keyFile: path.resolve(e.BV_TLS_KEY_FILE) }
        : undefined,
  };
}
