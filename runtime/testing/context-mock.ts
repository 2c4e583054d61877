import type { Context, ResourceMap } from '../builders/types.ts'
import { newId, newTraceId, type Address, type CommandMessage, type EventMessage } from '../core/envelope.ts'
import { createContextStubs, stubbedLogger, type ContextStubs } from './context-stubs.ts'
import type { StubSandbox } from './sandbox.ts'

/** What a unit test gets: the context to call the function with, and the stubs behind it. */
export interface ContextMock<M, Events extends string = never> {
  /** Typed loosely, so it fits the context of any function, whatever it declared with canInvoke or canEmit. */
  mock: Context<any, any, M, any>
  stubs: ContextStubs<Events>
}

/** What PURISTA's context mocks take besides the message: the function's canInvoke and canEmit declarations. */
interface Declarations<Events extends string> {
  /**
   * The events the function may emit, by name (the values are not read): each gets a stub of its
   * own, `stubs.emit.<name>`. On the builder, its canEmit events get one without this.
   */
  emitList?: { readonly [E in Events]: unknown }
  /** Accepted as PURISTA's mocks take it; `stubs.service.X['1'].y` answers any name without it. */
  invokes?: unknown
}

export interface CommandContextMockInput<Payload, Parameter, Events extends string = never> extends Declarations<Events> {
  payload?: Payload
  parameter?: Parameter
  /** Fields of the command message to set, e.g. principalId or tenantId. */
  message?: Partial<CommandMessage>
  /** context.resources, e.g. { db: fakeDb }. */
  resources?: ResourceMap
  /** A sinon sandbox (createSandbox()): the stubs are then its stubs, as PURISTA's helper makes them. */
  sandbox?: StubSandbox
}

export interface SubscriptionContextMockInput<Payload, Events extends string = never> extends Declarations<Events> {
  payload?: Payload
  /** Fields of the event message to set, e.g. eventName or sender. */
  message?: Partial<EventMessage>
  /** context.resources, e.g. { db: fakeDb }. */
  resources?: ResourceMap
  /** See CommandContextMockInput. */
  sandbox?: StubSandbox
}

const testAddress: Address = { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }

const envelope = () => ({ id: newId(), timestamp: Date.now(), contentType: 'application/json', contentEncoding: 'utf-8', traceId: newTraceId(), correlationId: newId(), sender: testAddress })

function contextWith<M, Events extends string>(message: M, { resources = {}, sandbox, emitList }: { resources?: ResourceMap; sandbox?: StubSandbox } & Declarations<Events>): ContextMock<M, Events> {
  const stubs = createContextStubs(sandbox, Object.keys(emitList ?? {}) as Events[])
  const { emit, getState, setState, removeState, getConfig, getSecret, service } = stubs
  const mock: Context<any, any, M, any> = {
    logger: stubbedLogger(stubs.logger),
    message,
    emit,
    service,
    states: { getState, setState, removeState },
    configs: { getConfig },
    secrets: { getSecret },
    resources,
  }
  return { mock, stubs }
}

/**
 * The context a command function gets, made of stubs, as PURISTA's helper of this name makes it:
 *
 *     const context = getCommandContextMock({ payload, parameter })
 *     context.stubs.getState.resolves({})
 *     const result = await registerNewUser.getCommandFunction()(context.mock, payload, parameter)
 *     expect(context.stubs.setState.calledWith('user:…')).toBe(true)
 */
export function getCommandContextMock<Payload = unknown, Parameter = unknown, Events extends string = never>(input?: CommandContextMockInput<Payload, Parameter, Events>): ContextMock<CommandMessage, Events>
/** PURISTA 1's form, `getCommandContextMock(payload, parameter, sandbox)`. */
export function getCommandContextMock<Payload = unknown, Parameter = unknown>(payload: Payload, parameter: Parameter, sandbox?: StubSandbox): ContextMock<CommandMessage>
export function getCommandContextMock(...args: PositionalOrInput): ContextMock<CommandMessage, string> {
  const input = commandMockInput(args)
  return contextWith<CommandMessage, string>({
    ...envelope(),
    messageType: 'command',
    receiver: testAddress,
    payload: { payload: input.payload, parameter: input.parameter ?? {} },
    ...input.message,
  }, input)
}

type PositionalOrInput = [input?: CommandContextMockInput<unknown, unknown, string>] | [payload: unknown, parameter: unknown, sandbox?: StubSandbox]

/** One input object, PURISTA 2's form, or PURISTA 1's positional arguments: more than one argument says which. */
export const commandMockInput = (args: PositionalOrInput): CommandContextMockInput<unknown, unknown, string> =>
  args.length > 1 ? { payload: args[0], parameter: args[1], sandbox: args[2] as StubSandbox | undefined } : ((args[0] as CommandContextMockInput<unknown, unknown, string> | undefined) ?? {})

/** The context a subscription function gets, made of stubs; see getCommandContextMock. */
export function getSubscriptionContextMock<Payload = unknown, Events extends string = never>(input: SubscriptionContextMockInput<Payload, Events> = {}): ContextMock<EventMessage, Events> {
  return contextWith<EventMessage, Events>({ ...envelope(), messageType: 'customMessage', eventName: 'testEvent', payload: input.payload, ...input.message }, input)
}
