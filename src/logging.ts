/**
 * Structured logs with LogTape: JSON lines in production (for log collectors), readable
 * text elsewhere. Secrets never reach a log: no passwords, tokens or session ids are
 * passed as properties anywhere in the code.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { configure, getConsoleSink, getTextFormatter, jsonLinesFormatter, reset } from '@logtape/logtape';
import type { Config } from './config.ts';

export async function setupLogging(config: Pick<Config, 'env' | 'logLevel'>): Promise<void> {
  await configure({
    reset: true,
    // Fedify tags its log records with the message or request being handled (withContext);
    // without this storage LogTape warns on every federation request.
    contextLocalStorage: new AsyncLocalStorage(),
    sinks: {
      console: getConsoleSink({
        formatter: config.env === 'production' ? jsonLinesFormatter : getTextFormatter({ timestamp: 'date-time' }),
      }),
    },
    loggers: [
      { category: ['benevalibre'], lowestLevel: config.env === 'test' ? 'warning' : config.logLevel, sinks: ['console'] },
      { category: ['fedify'], lowestLevel: 'warning', sinks: ['console'] },
      { category: ['logtape', 'meta'], lowestLevel: 'warning', sinks: ['console'] },
    ],
  });
}

export const resetLogging = reset;
