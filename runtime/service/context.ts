import type { EmitDeclaration, InvokeTarget } from '../builders/types.ts'
import { describeAddress, newId, type Address, type CallContext, type CommandMessage, type EventMessage } from '../core/envelope.ts'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import type { Logger } from '../core/logger.ts'
import { validate } from '../core/schema.ts'
import type { EventBridge } from '../bridge/types.ts'
import type { ConfigStore, SecretStore, StateStore } from '../stores/types.ts'

/** What a function's context needs from the service instance that runs it. */
export interface ContextDeps {
  bridge: EventBridge
  logger: Logger
  states: StateStore
  configs: ConfigStore
  secrets: SecretStore
  commandTimeoutMs?: number
}

/** What a context needs from the definition of the function it serves. */
export interface FunctionDeclarations {
  address: Address
  invokes: InvokeTarget[]
  emits: Map<string, EmitDeclaration>
}

/**
 * One per call. The logger and the service proxy are built on first use: most calls use neither,
 * and the call path is hot.
 */
export class FunctionContext<M extends CommandMessage | EventMessage> {
  private cachedLogger?: Logger
  private cachedService?: unknown
  private cachedEmit?: (eventName: string, payload: unknown) => Promise<void>

  constructor(
    readonly message: M,
    private readonly deps: ContextDeps,
    private readonly declarations: FunctionDeclarations,
  ) {}

  get logger(): Logger {
    return (this.cachedLogger ??= this.deps.logger.child({ traceId: this.message.traceId, target: this.declarations.address.serviceTarget }))
  }

  get states() { return this.deps.states }
  get configs() { return this.deps.configs }
  get secrets() { return this.deps.secrets }

  get service(): any {
    return (this.cachedService ??= invokeProxy(this.declarations, this.deps, this.message))
  }

  /** Bound on first use, so `const { emit } = context` works without a closure per call. */
  get emit(): (eventName: string, payload: unknown) => Promise<void> {
    return (this.cachedEmit ??= this.emitEvent.bind(this))
  }

  private async emitEvent(eventName: string, payload: unknown): Promise<void> {
    const declaration = this.declarations.emits.get(eventName)
    if (!declaration) {
      throw new UnhandledError(StatusCode.InternalServerError, `${describeAddress(this.declarations.address)} emits "${eventName}" without declaring it: add .canEmit('${eventName}', schema)`)
    }
    const checked = declaration.schema ? await validate(declaration.schema, payload, `payload of event ${eventName}`, StatusCode.InternalServerError) : payload
    await this.deps.bridge.emit(createEvent(eventName, checked, this.declarations.address, this.message, 'customMessage'))
  }
}

export function createEvent(
  eventName: string,
  payload: unknown,
  sender: Address,
  cause: CallContext & { correlationId?: string; id?: string },
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


/** `context.service.User['1'].getUser(payload, parameter)` for declared targets; a clear error for anything else. */
function invokeProxy(declarations: FunctionDeclarations, deps: ContextDeps, cause: CallContext): unknown {
  const tree: Record<string, Record<string, Record<string, unknown>>> = {}
  for (const target of declarations.invokes) {
    const receiver: Address = { serviceName: target.serviceName, serviceVersion: target.serviceVersion, serviceTarget: target.serviceTarget }
    ;((tree[target.serviceName] ??= {})[target.serviceVersion] ??= {})[target.serviceTarget] = (payload: unknown, parameter?: unknown) =>
      deps.bridge.invoke(createCommand(receiver, declarations.address, payload, parameter, cause), deps.commandTimeoutMs)
  }
  const undeclared = (path: string): never => {
    throw new UnhandledError(StatusCode.InternalServerError, `${describeAddress(declarations.address)} invokes ${path} without declaring it: add .canInvoke(...)`)
  }
  const guard = <T extends object>(node: T, path: string, depth: number): T =>
    new Proxy(node, {
      get(target, key) {
        if (typeof key === 'symbol' || key === 'then') return undefined
        const next = (target as Record<string, unknown>)[key]
        if (next === undefined) return undeclared(`${path}${path ? '.' : ''}${key}`)
        return depth < 2 ? guard(next as object, `${path}${path ? '.' : ''}${key}`, depth + 1) : next
      },
    })
  return guard(tree, '', 0)
}
