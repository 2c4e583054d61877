import type { Context, ResourceMap } from '../builders/types.ts'
import { newId, newTraceId, type Address, type CommandMessage, type EventMessage } from '../core/envelope.ts'
import { createContextStubs, stubbedLogger, type ContextStubs } from './context-stubs.ts'
import type { StubSandbox } from './sandbox.ts'

/** What a unit test gets: the context to call the function with, and the stubs behind it. */
export interface ContextMock<M> {
  /** Typed loosely, so it fits the context of any function, whatever it declared with canInvoke or canEmit. */
  mock: Context<any, any, M, any>
  stubs: ContextStubs
}

export interface CommandContextMockInput<Payload, Parameter> {
  payload?: Payload
  parameter?: Parameter
  /** Fields of the command message to set, e.g. principalId or tenantId. */
  message?: Partial<CommandMessage>
  /** context.resources, e.g. { db: fakeDb }. */
  resources?: ResourceMap
  /** A sinon sandbox (createSandbox()): the stubs are then its stubs, as PURISTA's helper makes them. */
  sandbox?: StubSandbox
}

export interface SubscriptionContextMockInput<Payload> {
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

function contextWith<M>(message: M, { resources = {}, sandbox }: { resources?: ResourceMap; sandbox?: StubSandbox }): ContextMock<M> {
  const stubs = createContextStubs(sandbox)
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
export function getCommandContextMock<Payload = unknown, Parameter = unknown>(input: CommandContextMockInput<Payload, Parameter> = {}): ContextMock<CommandMessage> {
  return contextWith<CommandMessage>({
    ...envelope(),
    messageType: 'command',
    receiver: testAddress,
    payload: { payload: input.payload, parameter: input.parameter ?? {} },
    ...input.message,
  }, input)
}

/** The context a subscription function gets, made of stubs; see getCommandContextMock. */
export function getSubscriptionContextMock<Payload = unknown>(input: SubscriptionContextMockInput<Payload> = {}): ContextMock<EventMessage> {
  return contextWith<EventMessage>({ ...envelope(), messageType: 'customMessage', eventName: 'testEvent', payload: input.payload, ...input.message }, input)
}
