import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { createLogger, type Logger } from '../core/logger.ts'
import { CommandTable } from './command-table.ts'
import { LocalCalls, SETTLES_LOCALLY, type LocalRun } from './local-calls.ts'
import { unavailable } from './pending-calls.ts'
import { addressKey, wants, type BridgeRegistry, type CommandHandler, type EventBridge, type EventHandler, type SubscriptionRegistration } from './types.ts'

export interface DefaultEventBridgeOptions {
  /** Default time a command may take before the caller gets a 504. */
  defaultCommandTimeoutMs?: number
  logger?: Logger
}

interface Subscriber {
  registration: SubscriptionRegistration
  handler: EventHandler
}

/**
 * The in-memory bridge of a single process. Commands are direct calls; events are delivered on
 * the next turn of the event loop so the emitting command answers first, as it would over a broker.
 */
export class DefaultEventBridge implements EventBridge {
  readonly name = 'DefaultEventBridge'
  private readonly commands = new CommandTable<{ address: Address; handler: CommandHandler; runLocally?: LocalRun }>()
  private readonly subscribers = new Map<string, Subscriber[]>()
  private readonly calls = new LocalCalls()
  private ready = false
  private readonly defaultTimeout: number
  private readonly logger: Logger

  constructor(options: DefaultEventBridgeOptions = {}) {
    this.defaultTimeout = options.defaultCommandTimeoutMs ?? 30_000
    this.logger = (options.logger ?? createLogger()).child({ bridge: this.name })
  }

  async start() {
    this.ready = true
  }

  async destroy() {
    this.ready = false
    this.calls.failAll(unavailable('event bridge shut down'))
  }

  isReady() {
    return this.ready
  }

  async registerCommand(address: Address, handler: CommandHandler) {
    if (this.commands.get(address)) throw new Error(`command ${addressKey(address)} is already registered`)
    this.commands.set(address, { address, handler, runLocally: (handler as { [SETTLES_LOCALLY]?: LocalRun })[SETTLES_LOCALLY] })
  }

  async unregisterCommand(address: Address) {
    this.commands.delete(address)
  }

  async registerSubscription(registration: SubscriptionRegistration, handler: EventHandler) {
    const list = this.subscribers.get(registration.eventName) ?? []
    list.push({ registration, handler })
    this.subscribers.set(registration.eventName, list)
  }

  async unregisterSubscription(address: Address) {
    const key = addressKey(address)
    for (const [eventName, list] of this.subscribers) {
      const rest = list.filter((s) => addressKey(s.registration.address) !== key)
      if (rest.length) this.subscribers.set(eventName, rest)
      else this.subscribers.delete(eventName)
    }
  }

  invoke(command: CommandMessage, timeoutMs = this.defaultTimeout): Promise<unknown> {
    const target = this.commands.get(command.receiver)
    if (!target) {
      return Promise.reject(new HandledError(StatusCode.NotFound, `command ${addressKey(command.receiver)} is not registered`, undefined, command.traceId))
    }
    const call = this.calls.start(command, timeoutMs)
    // A command handler's own way settles the call with no promise of its own in between.
    if (target.runLocally) target.runLocally(command, call)
    else
      target.handler(command).then(
        (output) => call.resolve(output),
        (error: unknown) => call.reject(error),
      )
    return call.answer
  }

  async emit(event: EventMessage) {
    const list = this.subscribers.get(event.eventName)
    if (!list) return
    for (const { registration, handler } of list) {
      if (!wants(registration, event)) continue
      setImmediate(() => {
        handler(event).catch((error: unknown) =>
          this.logger.error('subscription failed', { traceId: event.traceId, subscription: addressKey(registration.address), error }),
        )
      })
    }
  }

  registry(): BridgeRegistry {
    return {
      commands: [...this.commands.values()].map((c) => c.address),
      subscriptions: [...this.subscribers.values()].flat().map((s) => s.registration),
    }
  }
}
