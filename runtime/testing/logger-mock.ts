import type { Logger, LogLevel } from '../core/logger.ts'
import { stubbedLogger, type ContextStubs } from './context-stubs.ts'
import { newStub, type StubSandbox } from './sandbox.ts'

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']

/**
 * A logger whose every level is a stub, as PURISTA's helper of this name makes it: pass `mock` to
 * getInstance({ logger }), assert on `stubs.info.calledWith(…)`. Child loggers log into the same stubs.
 */
export function getLoggerMock(sandbox?: StubSandbox): { mock: Logger; stubs: ContextStubs['logger'] } {
  const stubs = Object.fromEntries(LEVELS.map((level) => [level, newStub(sandbox)])) as ContextStubs['logger']
  return { mock: stubbedLogger(stubs), stubs }
}
