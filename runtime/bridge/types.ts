import type { Address, CommandMessage, CommandResponse, EventMessage } from '../core/envelope.ts'

export type CommandHandler = (message: CommandMessage) => Promise<CommandResponse>
export type EventHandler = (message: EventMessage) => Promise<void>

export interface SubscriptionRegistration {
  address: Address
  eventName: string
  eventServiceVersion?: string
  durable: boolean
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

export const addressKey = (a: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>): string =>
  `${a.serviceName}/${a.serviceVersion}/${a.serviceTarget}`
