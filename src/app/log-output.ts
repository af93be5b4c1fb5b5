/**
 * Where and how `kiroku serve` logs. A person at a terminal reads pino-pretty's lines (time, level,
 * message; one short line per request), so the URLs serve prints at start are not buried under JSON;
 * anything else (a pipe, a file, a log collector) gets pino's JSON lines, one object per line.
 * LOG_FORMAT (app/config.ts) overrides the choice.
 */
import type { LogFormatSetting } from './config.js'

export type LogFormat = 'json' | 'pretty'

/** The format logs are written in: LOG_FORMAT when it names one, else pretty exactly when stdout is a terminal. */
export function chooseLogFormat(setting: LogFormatSetting, stdoutIsTTY: boolean): LogFormat {
  if (setting === 'json' || setting === 'pretty') return setting
  return stdoutIsTTY ? 'pretty' : 'json'
}

/** A pino destination: it is given one JSON line per log record. */
export interface LogStream {
  write(line: string): void
}

/**
 * A destination that writes each record human-readable to `write`: `[08:15:02] INFO: GET /graphiql 200 3 ms`.
 * Colours only when `colorize` (a terminal); the process id, host and request id are left out.
 * pino-pretty is loaded here, only when chosen: a server logging JSON never pays for it at start.
 */
export async function prettyLogStream(write: (text: string) => void, colorize: boolean): Promise<LogStream> {
  const { prettyFactory } = await import('pino-pretty')
  const pretty = prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId,responseTime', singleLine: true })
  return { write: (line) => write(pretty(line)) }
}

/** A destination that passes pino's JSON lines through to `write` unchanged. */
export function jsonLogStream(write: (text: string) => void): LogStream {
  return { write: (line) => write(line) }
}
