import type { LogArgs, Logger, LogLevel } from '../core/logger.ts'
import type { StubSandbox } from './sandbox.ts'
import { createStub, type Stub } from './stub.ts'

type LogStub = Stub<LogArgs, void>
type ReadStub = Stub<string[], Promise<Record<string, unknown>>>

/** `stubs.service.User['1'].getUser`: one stub per command a function may invoke, made when first named. */
export type InvokeStubs = Record<string, Record<string, Record<string, Stub<[payload?: unknown, parameter?: unknown], Promise<any>>>>>

type EventStub = Stub<[eventName: string, payload?: unknown], Promise<void>>

/**
 * `stubs.emit`: one stub every emit goes through (`stubs.emit.calledWith('taskCreated', …)`), and,
 * for each event the test named (PURISTA's emitList) or the builder declared with canEmit, a stub
 * of that event alone, as PURISTA 2's mocks have it: `stubs.emit.taskCreated.called`.
 */
export type EmitStubs<Events extends string = never> = EventStub & { readonly [E in Events]: EventStub }

/** The stubs behind a mocked context, by the names PURISTA tests use. */
export interface ContextStubs<Events extends string = never> {
  logger: Record<LogLevel, LogStub>
  emit: EmitStubs<Events>
  getState: ReadStub
  setState: Stub<[name: string, value: unknown], Promise<void>>
  removeState: Stub<[name: string], Promise<void>>
  getConfig: ReadStub
  getSecret: ReadStub
  service: InvokeStubs
}

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal']

/*
 * What a stub does before a test tells it: what a function reads (states, configs, secrets, the
 * answer of an invoked command) rejects, naming the stub to set, because a made-up answer would let
 * a test pass on data nobody chose. What only has an effect (writes, emits, logs) is recorded and
 * succeeds, so a test states only the inputs it cares about and asserts the effects afterwards.
 */
function stubMaker(sandbox: StubSandbox | undefined) {
  // A sinon sandbox's stubs take the same behaviour through callsFake, so sandbox.restore() resets them.
  const make = <Args extends unknown[], Return>(behaviour: (...args: Args) => Return): Stub<Args, Return> => (sandbox ? sandbox.stub().callsFake(behaviour) : createStub(behaviour))
  return {
    make,
    mustBeStubbed: <Args extends unknown[]>(path: string) => make<Args, Promise<any>>(() => Promise.reject(new Error(`${path} is not stubbed: set its answer with context.stubs.${path}.resolves(…)`))),
    succeeds: <Args extends unknown[]>() => make<Args, Promise<void>>(async () => {}),
  }
}

/** The stubs of a context mock: purista's own, or a sinon sandbox's when the test passes one (as PURISTA's helpers take it). */
export function createContextStubs<Events extends string = never>(sandbox?: StubSandbox, events: readonly Events[] = []): ContextStubs<Events> {
  const { make, mustBeStubbed, succeeds } = stubMaker(sandbox)
  return {
    logger: Object.fromEntries(LEVELS.map((level) => [level, make<LogArgs, void>(() => {})])) as Record<LogLevel, LogStub>,
    emit: emitStubs(events, make, succeeds),
    getState: mustBeStubbed('getState'),
    setState: succeeds(),
    removeState: succeeds(),
    getConfig: mustBeStubbed('getConfig'),
    getSecret: mustBeStubbed('getSecret'),
    service: invokeStubs(mustBeStubbed),
  }
}

/** A logger whose every level is a stub; child loggers log into the same stubs. */
export function stubbedLogger(stubs: ContextStubs['logger']): Logger {
  const logger: Logger = { ...stubs, child: () => logger, getChildLogger: () => logger }
  return logger
}

function emitStubs<Events extends string>(events: readonly Events[], make: ReturnType<typeof stubMaker>['make'], succeeds: ReturnType<typeof stubMaker>['succeeds']): EmitStubs<Events> {
  const byEvent = new Map(events.map((event) => [event as string, succeeds<[eventName: string, payload?: unknown]>()]))
  // An event's own stub decides what its emit does, so `stubs.emit.taskCreated.rejects(…)` fails that emit.
  const emit = make<[eventName: string, payload?: unknown], Promise<void>>((eventName, payload) => byEvent.get(eventName)?.(eventName, payload) ?? Promise.resolve())
  return Object.assign(emit, Object.fromEntries(byEvent)) as EmitStubs<Events>
}

function invokeStubs(mustBeStubbed: ReturnType<typeof stubMaker>['mustBeStubbed']): InvokeStubs {
  // Each level answers any name, so the function under test and the test reach the same stub.
  const level = <T>(make: (name: string) => T): Record<string, T> => {
    const made = new Map<string, T>()
    return new Proxy({} as Record<string, T>, {
      get(_, name) {
        // `then` is asked for by `await`; a stub there would make the object look like a promise.
        if (typeof name !== 'string' || name === 'then') return undefined
        if (!made.has(name)) made.set(name, make(name))
        return made.get(name)
      },
    })
  }
  return level((serviceName) => level((version) => level((command) => mustBeStubbed(`service.${serviceName}['${version}'].${command}`))))
}
