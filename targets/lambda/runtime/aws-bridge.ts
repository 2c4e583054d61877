import type { BridgeRegistry, CommandHandler, EventBridge, EventHandler, SubscriptionRegistration } from '../../../runtime/bridge/types.ts'
import { addressKey } from '../../../runtime/bridge/types.ts'
import { describeAddress, type Address, type CommandMessage, type EventMessage } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import type { LambdaInvoker } from './invoker.ts'
import type { EventPublisher } from './publisher.ts'

export interface AwsBridgeParts {
  /** Present only in functions that emit events. */
  publisher?: EventPublisher
  /** Present only in functions that declared canInvoke targets. */
  invoker?: LambdaInvoker
}

/**
 * The bridge inside one Lambda function: it holds the function's own command or subscription,
 * sends events to EventBridge and calls other commands through Lambda Invoke. Routing between
 * functions is AWS's job (API Gateway routes, EventBridge rules), so there is nothing to listen to.
 */
export class AwsBridge implements EventBridge {
  readonly name = 'AwsBridge'
  private readonly commands = new Map<string, { address: Address; handler: CommandHandler }>()
  private subscription?: { registration: SubscriptionRegistration; handler: EventHandler }

  constructor(private readonly parts: AwsBridgeParts) {}

  async start() {}
  async destroy() {}
  isReady() {
    return true
  }

  async registerCommand(address: Address, handler: CommandHandler) {
    this.commands.set(addressKey(address), { address, handler })
  }
  async unregisterCommand(address: Address) {
    this.commands.delete(addressKey(address))
  }
  async registerSubscription(registration: SubscriptionRegistration, handler: EventHandler) {
    this.subscription = { registration, handler }
  }
  async unregisterSubscription() {
    this.subscription = undefined
  }

  /** The function's own command runs here; any other goes to its function. */
  invoke(command: CommandMessage): Promise<unknown> {
    const local = this.commands.get(addressKey(command.receiver))
    if (local) return local.handler(command)
    if (!this.parts.invoker) return Promise.reject(new UnhandledError(StatusCode.InternalServerError, `${describeAddress(command.receiver)} cannot be called from this function: it declared no canInvoke targets`))
    return this.parts.invoker.invoke(command)
  }

  emit(event: EventMessage): Promise<void> {
    if (!this.parts.publisher) return Promise.reject(new UnhandledError(StatusCode.InternalServerError, `event "${event.eventName}" cannot be sent from this function: it declared no events`))
    return this.parts.publisher.publish(event)
  }

  /** Delivers an event from EventBridge to the function's subscription. */
  deliver(event: EventMessage): Promise<void> {
    if (!this.subscription) throw new Error('this function has no subscription')
    return this.subscription.handler(event)
  }

  /** Waits for events still being published: a Lambda is frozen as soon as its handler returns. */
  settled(): Promise<void> {
    return this.parts.publisher?.settled() ?? Promise.resolve()
  }

  registry(): BridgeRegistry {
    return { commands: [...this.commands.values()].map((c) => c.address), subscriptions: this.subscription ? [this.subscription.registration] : [] }
  }
}
