import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { createLogger, type Logger } from '../core/logger.ts'
import { addressKey, type BridgeRegistry, type CommandHandler, type EventBridge, type EventHandler, type SubscriptionRegistration } from './types.ts'

export interface DefaultEventBridgeOptions {
  /** Default time a command may take before the caller gets a 504. */
  defaultCommandTimeoutMs?: number
  logger?: Logger
}

interface Pending {
  deadline: number
  timeoutMs: number
  command: CommandMessage
  reject: (error: HandledError) => void
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
  private readonly commands = new Map<string, { address: Address; handler: CommandHandler }>()
  private readonly subscribers = new Map<string, Subscriber[]>()
  private readonly pending = new Set<Pending>()
  private sweeper?: NodeJS.Timeout
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
    clearInterval(this.sweeper)
    this.sweeper = undefined
    for (const call of this.pending) call.reject(new HandledError(StatusCode.ServiceUnavailable, 'event bridge shut down'))
    this.pending.clear()
  }

  isReady() {
    return this.ready
  }

  async registerCommand(address: Address, handler: CommandHandler) {
    const key = addressKey(address)
    if (this.commands.has(key)) throw new Error(`command ${key} is already registered`)
    this.commands.set(key, { address, handler })
  }

  async unregisterCommand(address: Address) {
    this.commands.delete(addressKey(address))
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
    const target = this.commands.get(addressKey(command.receiver))
    if (!target) {
      return Promise.reject(new HandledError(StatusCode.NotFound, `command ${addressKey(command.receiver)} is not registered`, undefined, command.traceId))
    }
    return new Promise((resolve, reject) => {
      const call: Pending = { deadline: Date.now() + timeoutMs, timeoutMs, command, reject }
      this.track(call)
      target.handler(command).then(
        (output) => this.pending.delete(call) && resolve(output),
        (error: unknown) => this.pending.delete(call) && reject(error),
      )
    })
  }

  async emit(event: EventMessage) {
    const list = this.subscribers.get(event.eventName)
    if (!list) return
    for (const { registration, handler } of list) {
      if (registration.eventServiceVersion && registration.eventServiceVersion !== event.sender.serviceVersion) continue
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

  /** One coarse timer for all calls instead of a timer per call: the sequential hot path stays cheap. */
  private track(call: Pending) {
    this.pending.add(call)
    if (this.sweeper) return
    this.sweeper = setInterval(() => this.expire(), 25)
    this.sweeper.unref()
  }

  private expire() {
    const now = Date.now()
    for (const call of this.pending) {
      if (call.deadline > now) continue
      this.pending.delete(call)
      const { receiver, traceId } = call.command
      call.reject(new HandledError(StatusCode.GatewayTimeout, `command ${addressKey(receiver)} did not answer within ${call.timeoutMs} ms`, undefined, traceId))
    }
    if (this.pending.size === 0) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }
}
