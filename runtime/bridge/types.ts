import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'

/**
 * Runs a command: resolves with its validated output, or rejects with a HandledError that is safe
 * to send (unexpected errors were already logged and reduced to a bare status). A bridge that
 * crosses a wire turns either outcome into a commandSuccessResponse or commandErrorResponse.
 */
export type CommandHandler = (message: CommandMessage) => Promise<unknown>
export type EventHandler = (message: EventMessage) => Promise<void>

export interface SubscriptionRegistration {
  address: Address
  eventName: string
  eventServiceVersion?: string
  durable: boolean
  /** Deliver to every instance of the service, not to one of them. */
  everyInstance: boolean
  /**
   * Acknowledge on receipt, before the handler ran: a failure is then not offered again. Means
   * something only to a bridge that redelivers (NATS durable consumers, RabbitMQ).
   */
  autoacknowledge?: boolean
}

/** What a bridge registered: the runtime side of the analyzer's AppModel. */
export interface BridgeRegistry {
  commands: Address[]
  subscriptions: SubscriptionRegistration[]
}

/**
 * Carries commands and events between services. It is the only piece that changes between
 * shapes: in memory for one process, a broker for containers, EventBridge + Lambda on AWS.
 */
export interface EventBridge {
  readonly name: string
  start(): Promise<void>
  destroy(): Promise<void>
  isReady(): boolean
  registerCommand(address: Address, handler: CommandHandler): Promise<void>
  unregisterCommand(address: Address): Promise<void>
  registerSubscription(subscription: SubscriptionRegistration, handler: EventHandler): Promise<void>
  unregisterSubscription(address: Address): Promise<void>
  /** Resolves with the command's output or rejects with a HandledError (timeouts are 504). */
  invoke(command: CommandMessage, timeoutMs?: number): Promise<unknown>
  /** Publishes an event; resolves once it is handed over, not once subscribers finished. */
  emit(event: EventMessage): Promise<void>
  registry(): BridgeRegistry
}

/** Whether a subscription takes this event: one that names a service version takes only that version's. */
export const wants = (registration: SubscriptionRegistration, event: EventMessage): boolean =>
  !registration.eventServiceVersion || registration.eventServiceVersion === event.sender.serviceVersion

export const addressKey = (a: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>): string =>
  `${a.serviceName}/${a.serviceVersion}/${a.serviceTarget}`
