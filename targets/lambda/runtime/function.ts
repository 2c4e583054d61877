import type { EventBridgeEvent } from 'aws-lambda'
import { appLogger, configStores, type AppOptions } from '../../../runtime/app/start-app.ts'
import { respond } from '../../../runtime/bridge/wire.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'
import type { CommandDefinition, ServiceInfo, SubscriptionDefinition } from '../../../runtime/builders/types.ts'
import { describeAddress, type CommandMessage, type EventMessage } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { Service } from '../../../runtime/service/service.ts'
import type { StateStore } from '../../../runtime/stores/types.ts'
import { handleHttpApiEvent, isHttpApiEvent } from './api-gateway.ts'
import { AwsBridge, type AwsBridgeParts } from './aws-bridge.ts'

/** What a generated function entry brings: only the AWS clients its function needs. */
export interface FunctionParts extends AwsBridgeParts {
  stateStore?: (service: ServiceInfo) => StateStore
}

export type LambdaHandler = (event: unknown) => Promise<unknown>

/** A definition as the user's file exports it: the builder chain, or what its getDefinition() returned. */
type Exported<D> = D | { getDefinition(): D }
const definitionOf = <D>(exported: Exported<D>): D => {
  if (!exported) throw new Error('the function entry found no definition: was it renamed after the build?')
  const builder = exported as { getDefinition?: () => D }
  return typeof builder.getDefinition === 'function' ? builder.getDefinition() : (exported as D)
}

const isCommandMessage = (event: unknown): event is CommandMessage => (event as CommandMessage)?.messageType === 'command'
const isEventBridgeEvent = (event: unknown): event is EventBridgeEvent<string, EventMessage> =>
  typeof (event as EventBridgeEvent<string, unknown>)?.['detail-type'] === 'string' && typeof (event as EventBridgeEvent<string, EventMessage>).detail?.messageType === 'string'

/**
 * Everything that can be done once per container is done here, at init: the logger, the AWS
 * clients, the service with its one definition. The returned handler does per-request work only.
 */
function setUp(builder: ServiceBuilder, definitions: { commands: CommandDefinition[]; subscriptions: SubscriptionDefinition[] }, options: AppOptions, parts: FunctionParts) {
  const logger = appLogger(options)
  const bridge = new AwsBridge(parts)
  const name = definitions.commands[0]?.commandName ?? definitions.subscriptions[0]!.subscriptionName
  const service = new Service(builder.info, definitions.commands, definitions.subscriptions, bridge, {
    logger,
    ...configStores(options),
    stateStore: parts.stateStore?.(builder.info) ?? new NoStateStore(describeAddress({ ...builder.info, serviceTarget: name })),
    commandTimeoutMs: options.commandTimeoutMs,
  })
  return { logger, bridge, service, ready: service.start() }
}

/** A command's function: HTTP API requests (payload 2.0) and direct invocations from other functions. */
export function commandFunction(builder: ServiceBuilder, exported: Exported<CommandDefinition>, options: AppOptions, parts: FunctionParts = {}): LambdaHandler {
  const definition = definitionOf(exported)
  const { logger, bridge, service, ready } = setUp(builder, { commands: [definition], subscriptions: [] }, options, parts)
  const address = service.address(definition.commandName)
  const route = definition.http && {
    receiver: address,
    queryParameters: definition.http.queryParameters,
    bodyLimit: options.http.bodyLimit,
    logger,
    invoke: (command: CommandMessage) => bridge.invoke(command),
  }
  return async (event) => {
    await ready
    try {
      if (isHttpApiEvent(event) && route) return await handleHttpApiEvent(event, route)
      // Another function's canInvoke: the answer is the same response envelope a broker carries.
      if (isCommandMessage(event)) return await respond(event, (command) => bridge.invoke(command), address)
      throw new Error(`${describeAddress(address)} cannot handle this event: expected ${route ? 'an HTTP API (payload 2.0) request or ' : ''}a purista command message`)
    } finally {
      await bridge.settled()
    }
  }
}

/**
 * A subscription's function: EventBridge delivers the event, the detail is the purista envelope.
 * A failure throws, so EventBridge retries and finally moves the event to the dead-letter queue.
 */
export function subscriptionFunction(builder: ServiceBuilder, exported: Exported<SubscriptionDefinition>, options: AppOptions, parts: FunctionParts = {}): LambdaHandler {
  const definition = definitionOf(exported)
  const { bridge, service, ready } = setUp(builder, { commands: [], subscriptions: [definition] }, options, parts)
  const address = service.address(definition.subscriptionName)
  return async (event) => {
    await ready
    if (!isEventBridgeEvent(event)) throw new Error(`${describeAddress(address)} expects an EventBridge event whose detail is a purista event`)
    try {
      await bridge.deliver(event.detail)
    } finally {
      await bridge.settled()
    }
  }
}

/** Stands in where the build found no use of context.states: a clear failure instead of state that vanishes. */
class NoStateStore implements StateStore {
  constructor(private readonly owner: string) {}
  private fail(): never {
    throw new UnhandledError(StatusCode.InternalServerError, `${this.owner} has no state store: purista found no use of context.states in its function, so its Lambda got no DynamoDB table. Use context.states inside the function passed to set…Function.`)
  }
  getState = async (): Promise<Record<string, unknown>> => this.fail()
  setState = async (): Promise<void> => this.fail()
  removeState = async (): Promise<void> => this.fail()
}
