import type { EventMessage } from '../core/envelope.ts'
import type { InferInput, InferOutput, StandardSchemaV1 } from '../core/schema.ts'
import type { Invocation } from './command-builder.ts'
import type { EBMessageType } from '../core/message-type.ts'
import type { SubscriptionFilter } from '../service/subscription-filter.ts'
import type { Context, EmitMap, InvokeMap, ResourceMap, ServiceInfo, SubscriptionDefinition, SubscriptionHooks } from './types.ts'
import type { SubscriptionAfterGuardHook, SubscriptionBeforeGuardHook, SubscriptionTransformInputHook, SubscriptionTransformOutputHook } from './subscription-hook-types.ts'
import type { ServiceThis } from '../service/function-this.ts'
import type { ContextMock, SubscriptionContextMockInput } from '../testing/context-mock.ts'

type Schema = StandardSchemaV1 | undefined
type In<S> = S extends StandardSchemaV1 ? InferInput<S> : unknown
type Out<S> = S extends StandardSchemaV1 ? InferOutput<S> : unknown

/** A subscription's function; `this` is the service, as for a command's function (see CommandFunction). */
export type SubscriptionFunction<Payload extends Schema, Parameter extends Schema, Output extends Schema, Invokes extends InvokeMap, Emits extends EmitMap, Resources extends ResourceMap = {}, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<Invokes, Emits, EventMessage, Resources>,
  payload: Out<Payload>,
  parameter: Out<Parameter>,
) => Promise<Output extends StandardSchemaV1 ? In<Output> : unknown> | (Output extends StandardSchemaV1 ? In<Output> : unknown)

export interface SubscriptionDefinitionBuilder<
  Payload extends Schema = undefined,
  Parameter extends Schema = undefined,
  Output extends Schema = undefined,
  Invokes extends InvokeMap = {},
  Emits extends EmitMap = {},
  Resources extends ResourceMap = {},
  Config = Record<string, any>,
> {
  /** For unit tests: getSubscriptionContextMock on the builder, as PURISTA's tests call it (put there by runtime/testing/builder-mocks.ts). */
  getSubscriptionContextMock(input?: SubscriptionContextMockInput<Out<Payload>, keyof Emits & string>): ContextMock<EventMessage, keyof Emits & string>
}

/** Collects what a subscription listens to, what it may call and emit, and its function. */
export class SubscriptionDefinitionBuilder<
  Payload extends Schema = undefined,
  Parameter extends Schema = undefined,
  Output extends Schema = undefined,
  Invokes extends InvokeMap = {},
  Emits extends EmitMap = {},
  Resources extends ResourceMap = {},
  Config = Record<string, any>,
> {
  /** What getDefinition() returns, filled in step by step. */
  readonly #draft: Omit<SubscriptionDefinition, 'fn' | 'eventName' | 'hooks'> & Partial<Pick<SubscriptionDefinition, 'fn' | 'eventName'>>
  readonly #hooks: SubscriptionHooks = { beforeGuards: {}, afterGuards: {} }

  constructor(
    readonly serviceInfo: ServiceInfo,
    readonly subscriptionName: string,
    subscriptionDescription: string,
  ) {
    this.#draft = { kind: 'subscription', subscriptionName, subscriptionDescription, durable: true, everyInstance: false, autoacknowledge: false, invokes: [], emits: [] }
  }

  /** Listens to every event of this name, or only to those sent by `serviceVersion` of a service when given. */
  subscribeToEvent(eventName: string, serviceVersion?: string): this {
    this.#draft.eventName = eventName
    this.#draft.eventServiceVersion = serviceVersion
    return this
  }

  /** Only events caused by this principal (the principalId travels from the request through every call and event). */
  filterPrincipalId(principalId: string): this {
    return this.#filter({ principalId })
  }

  filterTenantId(tenantId: string): this {
    return this.#filter({ tenantId })
  }

  /**
   * Only events sent by this service, version, command or subscription and instance; undefined
   * means any. As in PURISTA, this replaces the version subscribeToEvent() named.
   */
  filterSentFrom(serviceName?: string, serviceVersion?: string, serviceTarget?: string, instanceId?: string): this {
    this.#draft.eventServiceVersion = serviceVersion
    return this.#filter({ sender: definedOnly({ serviceName, serviceTarget, instanceId }) })
  }

  /** Only success events of commands called by this service, version, command or subscription and instance; undefined means any. */
  filterReceivedBy(serviceName?: string, serviceVersion?: string, serviceTarget?: string, instanceId?: string): this {
    return this.#filter({ receiver: definedOnly({ serviceName, serviceVersion, serviceTarget, instanceId }) })
  }

  /** 'commandSuccessResponse': only a command's success event; 'customMessage': only canEmit events and subscription outputs. */
  filterForMessageType(messageType: Extract<EBMessageType, EventMessage['messageType']>): this {
    return this.#filter({ messageType })
  }

  /**
   * Acknowledge each event when it arrives rather than once the function succeeded: a failed or
   * interrupted run is not offered again. Only brokers that redeliver are affected (see the README).
   */
  adviceAutoacknowledgeMessage(autoacknowledge = true): this {
    this.#draft.autoacknowledge = autoacknowledge
    return this
  }

  /** Events are kept while the subscriber is down, where the bridge can keep them. */
  adviceDurable(durable = true): this {
    this.#draft.durable = durable
    return this
  }

  /**
   * Every running instance of the service gets each event (to refresh a local cache, say), instead
   * of one instance per service. Such a subscription keeps nothing while an instance is down.
   */
  receiveOnEveryInstance(enabled = true): this {
    this.#draft.everyInstance = enabled
    return this
  }

  /** PURISTA's name for receiveOnEveryInstance(). */
  receiveMessageOnEveryInstance(enabled = true): this {
    return this.receiveOnEveryInstance(enabled)
  }

  addPayloadSchema<S extends StandardSchemaV1>(schema: S): SubscriptionDefinitionBuilder<S, Parameter, Output, Invokes, Emits, Resources, Config> {
    this.#draft.payloadSchema = schema
    return this as any
  }

  addParameterSchema<S extends StandardSchemaV1>(schema: S): SubscriptionDefinitionBuilder<Payload, S, Output, Invokes, Emits, Resources, Config> {
    this.#draft.parameterSchema = schema
    return this as any
  }

  /** The function's return value is validated and emitted as `eventName`. */
  addOutputSchema<S extends StandardSchemaV1>(eventName: string, schema: S): SubscriptionDefinitionBuilder<Payload, Parameter, S, Invokes, Emits, Resources, Config> {
    this.#draft.outputEventName = eventName
    this.#draft.outputSchema = schema
    return this as any
  }

  canInvoke<S extends string, V extends string, C extends string, O extends Schema = undefined, P extends Schema = undefined, Q extends Schema = undefined>(
    serviceName: S,
    serviceVersion: V,
    commandName: C,
    _outputSchema?: O,
    _payloadSchema?: P,
    _parameterSchema?: Q,
  ): SubscriptionDefinitionBuilder<Payload, Parameter, Output, Invokes & Invocation<S, V, C, Out<O>, In<P>, In<Q>>, Emits, Resources, Config> {
    this.#draft.invokes.push({ serviceName, serviceVersion, serviceTarget: commandName })
    return this as any
  }

  canEmit<E extends string, S extends Schema = undefined>(
    eventName: E,
    schema?: S,
  ): SubscriptionDefinitionBuilder<Payload, Parameter, Output, Invokes, Emits & { [K in E]: In<S> }, Resources, Config> {
    this.#draft.emits.push({ eventName, schema })
    return this as any
  }

  /**
   * Checks run after the payload is validated and before the function, all at once; one that throws
   * fails the run as the function failing would. Adds to the ones set before.
   */
  setBeforeGuardHooks(guards: Record<string, SubscriptionBeforeGuardHook<Out<Payload>, Out<Parameter>, Invokes, Emits, Config>>): this {
    Object.assign(this.#hooks.beforeGuards, guards)
    return this
  }

  /** Checks of the validated output, run all at once before it is emitted. Adds to the ones set before. */
  setAfterGuardHooks(guards: Record<string, SubscriptionAfterGuardHook<Out<Output>, Out<Parameter>, Invokes, Emits, Config>>): this {
    Object.assign(this.#hooks.afterGuards, guards)
    return this
  }

  // The getters, like getSubscriptionFunction, hand out the hooks callable unbound, for tests that never read `this`.
  getBeforeGuardHook(name: string): OmitThisParameter<SubscriptionBeforeGuardHook<Out<Payload>, Out<Parameter>, Invokes, Emits, Config>> | undefined {
    return this.#hooks.beforeGuards[name]
  }

  getAfterGuardHook(name: string): OmitThisParameter<SubscriptionAfterGuardHook<Out<Output>, Out<Parameter>, Invokes, Emits, Config>> | undefined {
    return this.#hooks.afterGuards[name]
  }

  /**
   * Turns the event as it arrives (say, an older shape of it) into the subscription's input: the
   * event's payload is validated with these schemas, the function returns what the subscription's
   * own schemas then validate.
   */
  setTransformInput<P extends StandardSchemaV1, Q extends StandardSchemaV1>(
    payloadSchema: P,
    parameterSchema: Q,
    fn: SubscriptionTransformInputHook<InferOutput<P>, InferOutput<Q>, In<Payload>, In<Parameter>, Config>,
    _contentType?: string,
    _contentEncoding?: string,
  ): this {
    this.#hooks.transformInput = { payloadSchema, parameterSchema, fn }
    return this
  }

  /** Turns the validated output into the output event's payload, which the schema validates. */
  setTransformOutput<S extends StandardSchemaV1>(schema: S, fn: SubscriptionTransformOutputHook<Out<Output>, Out<Parameter>, InferInput<S>, Config>, _contentType?: string, _contentEncoding?: string): this {
    this.#hooks.transformOutput = { schema, fn }
    return this
  }

  // The hooks are kept loosely typed, as every definition is; the setters took them typed so.
  getTransformInputFunction(): OmitThisParameter<SubscriptionTransformInputHook<unknown, unknown, In<Payload>, In<Parameter>, Config>> | undefined {
    return this.#hooks.transformInput?.fn as OmitThisParameter<SubscriptionTransformInputHook<unknown, unknown, In<Payload>, In<Parameter>, Config>> | undefined
  }

  getTransformOutputFunction(): OmitThisParameter<SubscriptionTransformOutputHook<Out<Output>, Out<Parameter>, unknown, Config>> | undefined {
    return this.#hooks.transformOutput?.fn
  }

  setSubscriptionFunction(fn: SubscriptionFunction<Payload, Parameter, Output, Invokes, Emits, Resources, Config>): this {
    this.#draft.fn = fn
    return this
  }

  /** The function as set, for unit tests: call it with getSubscriptionContextMock(…).mock and a payload; see getCommandFunction(). */
  getSubscriptionFunction(): OmitThisParameter<SubscriptionFunction<Payload, Parameter, Output, Invokes, Emits, Resources, Config>> {
    // The draft keeps the function loosely typed, as every definition does; setSubscriptionFunction took it typed so.
    return (this.#draft.fn ?? this.#noFunction()) as OmitThisParameter<SubscriptionFunction<Payload, Parameter, Output, Invokes, Emits, Resources, Config>>
  }

  getDefinition(): SubscriptionDefinition {
    const { eventName, durable, everyInstance, invokes, emits } = this.#draft
    const fn = this.#draft.fn ?? this.#noFunction()
    if (!eventName) throw new Error(`${this.#where} subscribes to nothing: call subscribeToEvent()`)
    return { ...this.#draft, fn, eventName, durable: durable && !everyInstance, invokes: [...invokes], emits: [...emits], ...this.#definedHooks() }
  }

  /** The hooks, only if any is set: a subscription without them keeps the short pipeline. */
  #definedHooks(): { hooks?: SubscriptionHooks } {
    const { transformInput, transformOutput, beforeGuards, afterGuards } = this.#hooks
    const some = transformInput || transformOutput || Object.keys(beforeGuards).length || Object.keys(afterGuards).length
    return some ? { hooks: { transformInput, transformOutput, beforeGuards: { ...beforeGuards }, afterGuards: { ...afterGuards } } } : {}
  }

  #filter(fields: SubscriptionFilter): this {
    this.#draft.filter = { ...this.#draft.filter, ...fields }
    return this
  }

  get #where(): string {
    return `subscription ${this.serviceInfo.serviceName}.${this.subscriptionName}`
  }

  #noFunction(): never {
    throw new Error(`${this.#where} has no function: call setSubscriptionFunction()`)
  }
}

/** A filter's address fields, without those left undefined (they mean any). */
function definedOnly<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>
}
