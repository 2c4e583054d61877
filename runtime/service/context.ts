import type { EmitDeclaration, InvokeTarget, ResourceMap } from '../builders/types.ts'
import { describeAddress, newId, type Address, type CallContext, type CommandMessage, type EventMessage } from '../core/envelope.ts'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import type { Logger } from '../core/logger.ts'
import { validate } from '../core/schema.ts'
import { spanTools } from '../tracing/span-tools.ts'
import type { ActiveSpanArguments, WrapInSpanArguments } from '../tracing/user-spans.ts'
import type { EventBridge } from '../bridge/types.ts'
import type { ConfigStore, SecretStore, StateStore } from '../stores/types.ts'

/** What a function's context needs from the service instance that runs it. */
export interface ContextDeps {
  /** Where the function's calls and events go. */
  bridge: Pick<EventBridge, 'invoke' | 'emit'>
  /** What carries them, as the semantic conventions name it (nats, rabbitmq, aws_eventbridge…): for the spans. */
  messagingSystem?: string
  logger: Logger
  states: StateStore
  configs: ConfigStore
  secrets: SecretStore
  commandTimeoutMs?: number
  /** What the app supplied for the service's defineResource declarations: made once, shared by every call. */
  resources?: ResourceMap
  /**
   * Builds `context.service` from the declared canInvoke targets (see invoke-proxy.ts). Passed in,
   * so a Lambda function that declares none does not carry it.
   */
  serviceProxy?: (declarations: FunctionDeclarations, deps: ContextDeps, cause: CallContext) => unknown
}

const NO_RESOURCES: ResourceMap = Object.freeze({})

/** What a context needs from the definition of the function it serves. */
export interface FunctionDeclarations {
  address: Address
  invokes: InvokeTarget[]
  emits: Map<string, EmitDeclaration>
}

/** What a context needs of a definition, made once per definition. */
export const declarationsOf = (address: Address, definition: { invokes: InvokeTarget[]; emits: EmitDeclaration[] }): FunctionDeclarations => ({
  address,
  invokes: definition.invokes,
  emits: new Map(definition.emits.map((e) => [e.eventName, e])),
})

/**
 * One per call. The logger and the service proxy are built on first use: most calls use neither,
 * and the call path is hot.
 */
export class FunctionContext<M extends CommandMessage | EventMessage> {
  // #private: true privacy, and esbuild shortens the names (every Lambda bundle carries this class).
  readonly #deps: ContextDeps
  readonly #declarations: FunctionDeclarations
  #cachedLogger?: Logger
  #cachedService?: unknown
  #cachedEmit?: (eventName: string, payload: unknown) => Promise<void>

  constructor(
    readonly message: M,
    deps: ContextDeps,
    declarations: FunctionDeclarations,
  ) {
    this.#deps = deps
    this.#declarations = declarations
  }

  get logger(): Logger {
    return (this.#cachedLogger ??= this.#deps.logger.child({ traceId: this.message.traceId, target: this.#declarations.address.serviceTarget }))
  }

  get states() { return this.#deps.states }
  get configs() { return this.#deps.configs }
  get secrets() { return this.#deps.secrets }
  get resources() { return this.#deps.resources ?? NO_RESOURCES }

  get service(): any {
    return (this.#cachedService ??= (this.#deps.serviceProxy ?? noTargets)(this.#declarations, this.#deps, this.message))
  }

  /** Bound on first use, so `const { emit } = context` works without a closure per call. */
  get emit(): (eventName: string, payload: unknown) => Promise<void> {
    return (this.#cachedEmit ??= this.#emitEvent.bind(this))
  }

  /**
   * PURISTA's helper: fn runs in a new span, the active one inside it (see user-spans.ts). Both
   * helpers load their module on first use: most functions open no spans of their own, and a
   * function target's bundle then carries none of it. The answer is a promise either way.
   */
  startActiveSpan<F>(name: string, ...args: ActiveSpanArguments<F>): Promise<F> {
    return import('../tracing/user-spans.ts').then((spans) => spans.startActiveSpan(spanTools(), name, ...args))
  }

  /** PURISTA's helper: fn runs in a new span, without making it the active one. */
  wrapInSpan<F>(name: string, ...args: WrapInSpanArguments<F>): Promise<F> {
    return import('../tracing/user-spans.ts').then((spans) => spans.wrapInSpan(spanTools(), name, ...args))
  }

  async #emitEvent(eventName: string, payload: unknown): Promise<void> {
    const declaration = this.#declarations.emits.get(eventName)
    if (!declaration) {
      throw new UnhandledError(StatusCode.InternalServerError, `${describeAddress(this.#declarations.address)} emits "${eventName}" without declaring it: add .canEmit('${eventName}', schema)`)
    }
    const checked = declaration.schema ? await validate(declaration.schema, payload, `payload of event ${eventName}`, StatusCode.InternalServerError) : payload
    await this.#deps.bridge.emit(createEvent(eventName, checked, this.#declarations.address, this.message, 'customMessage'))
  }
}

export function createEvent(
  eventName: string,
  payload: unknown,
  sender: Address,
  cause: CallContext & { correlationId?: string; id?: string; sender?: Address },
  messageType: EventMessage['messageType'],
): EventMessage {
  return {
    id: newId(),
    timestamp: Date.now(),
    messageType,
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    traceId: cause.traceId,
    correlationId: cause.correlationId ?? cause.id ?? newId(),
    principalId: cause.principalId,
    tenantId: cause.tenantId,
    eventName,
    sender,
    // A success event is the command's answer told to everyone, as in PURISTA: its receiver is
    // the command's caller, which is what filterReceivedBy matches.
    receiver: messageType === 'commandSuccessResponse' ? cause.sender : undefined,
    payload,
  }
}

export function createCommand(receiver: Address, sender: Address, payload: unknown, parameter: unknown, cause: CallContext): CommandMessage {
  const id = newId()
  return {
    id,
    timestamp: Date.now(),
    messageType: 'command',
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    traceId: cause.traceId,
    correlationId: id,
    principalId: cause.principalId,
    tenantId: cause.tenantId,
    sender,
    receiver,
    payload: { payload, parameter: parameter ?? {} },
  }
}

/** The error for a call to a command the function did not declare with canInvoke. */
export const undeclaredInvoke = (caller: Address, path: string): never => {
  throw new UnhandledError(StatusCode.InternalServerError, `${describeAddress(caller)} invokes ${path} without declaring it: add .canInvoke(...)`)
}

/** `context.service` of a function that declared no canInvoke targets: every access is undeclared. */
const noTargets = (declarations: FunctionDeclarations) =>
  new Proxy({}, { get: (_, key) => (typeof key === 'symbol' || key === 'then' ? undefined : undeclaredInvoke(declarations.address, key)) })
