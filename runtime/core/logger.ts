/** Structured JSON logs, one line per entry, carrying the bindings of their scope (traceId, service …). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'

const LEVELS: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }

export type LogSink = (line: string) => void

/**
 * One level's method. Both argument orders are accepted: purista's `(msg, data)` and pino's
 * `(data, msg)`, which PURISTA code uses (PURISTA's logger is pino). An Error in place of the data
 * is logged under `err`, as pino does. Either way the data's fields join the JSON line.
 */
export interface LogFn {
  (msg: string, data?: Record<string, unknown>): void
  (data: Record<string, unknown> | Error, msg?: string): void
}

/** What a LogFn is called with, in either order. */
export type LogArgs = [first: string | Record<string, unknown> | Error, second?: string | Record<string, unknown>]

export interface Logger {
  trace: LogFn
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  fatal: LogFn
  child(bindings: Record<string, unknown>): Logger
  /** PURISTA's name for child(). */
  getChildLogger(bindings: Record<string, unknown>): Logger
}

export interface LoggerOptions {
  level?: LogLevel
  sink?: LogSink
  bindings?: Record<string, unknown>
}

const stdoutSink: LogSink = (line) => process.stdout.write(line + '\n')

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info'
  return new JsonLogger(LEVELS[level] ?? LEVELS.info, options.sink ?? stdoutSink, options.bindings ?? {})
}

/** PURISTA's name for making the app's logger; pino's options, the second argument there, have no meaning here. */
export const initLogger = (level?: LogLevel, _pinoOptions?: unknown): Logger => createLogger({ level })

class JsonLogger implements Logger {
  readonly #threshold: number
  readonly #sink: LogSink
  readonly #bindings: Record<string, unknown>

  constructor(threshold: number, sink: LogSink, bindings: Record<string, unknown>) {
    this.#threshold = threshold
    this.#sink = sink
    this.#bindings = bindings
  }

  #write(level: LogLevel, first: LogArgs[0], second: LogArgs[1]): void {
    if (LEVELS[level] < this.#threshold) return
    let msg: unknown = first
    let data: unknown = second
    if (typeof first !== 'string') {
      msg = second
      data = first instanceof Error ? { err: first } : first
    }
    this.#sink(JSON.stringify({ level, time: new Date().toISOString(), ...this.#bindings, ...(data as Record<string, unknown>), msg }, errorReplacer))
  }

  declare trace: Logger['trace']
  declare debug: Logger['debug']
  declare info: Logger['info']
  declare warn: Logger['warn']
  declare error: Logger['error']
  declare fatal: Logger['fatal']

  static {
    // One method per level, made from LEVELS: six written-out copies would weigh on every Lambda bundle.
    for (const level of Object.keys(LEVELS) as LogLevel[]) {
      JsonLogger.prototype[level] = function (this: JsonLogger, first: LogArgs[0], second?: LogArgs[1]) {
        this.#write(level, first, second)
      }
    }
  }

  child(bindings: Record<string, unknown>): Logger {
    return new JsonLogger(this.#threshold, this.#sink, { ...this.#bindings, ...bindings })
  }

  getChildLogger(bindings: Record<string, unknown>): Logger {
    return this.child(bindings)
  }
}

/** Errors serialise to {} by default; logs need their name, message and stack. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack }
  return value
}
