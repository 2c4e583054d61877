import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib'
import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import { createLogger, type Logger } from '../core/logger.ts'
import { addressKey, wants, type BridgeRegistry, type CommandHandler, type EventBridge, type EventHandler, type SubscriptionRegistration } from '../bridge/types.ts'
import { BrokerLink, BrokerUnavailable, brokerUnavailable, type BrokerLinkOptions } from '../bridge/broker-link.ts'
import { InFlight } from '../bridge/in-flight.ts'
import { nobodyListens, PendingCalls, unavailable } from '../bridge/pending-calls.ts'
import { outcome } from '../bridge/outcome.ts'
import { traceHeaders } from '../bridge/trace-headers.ts'
import { RETRY_DELAY_MS, transient } from '../bridge/transient.ts'
import { respond } from '../bridge/respond.ts'
import { decode, encode, token } from '../bridge/wire.ts'
import { amqpSocketOptions, amqpStartError } from './amqp-connection.ts'
import { batchWrites } from './batch-writes.ts'
import { ChannelAcks } from './channel-acks.ts'

export interface AmqpBridgeOptions extends BrokerLinkOptions {
  /** Default: $AMQP_URL, else amqp://guest:guest@127.0.0.1:5672. */
  url?: string
  defaultCommandTimeoutMs?: number
  logger?: Logger
  /** Starts every exchange and queue name, so apps sharing a broker stay apart. Default: 'purista'. */
  prefix?: string
  /** How many messages one consumer works on at once. */
  prefetch?: number
  /** Wait between reconnection attempts after the broker went away. */
  reconnectDelayMs?: number
}

const REPLY_TO = 'amq.rabbitmq.reply-to'

interface Consumer {
  consumerTag?: string
  /** Set once the consumer is cancelled: what the broker still delivers goes back unprocessed. */
  cancelled?: boolean
}
interface CommandEntry extends Consumer {
  address: Address
  handler: CommandHandler
}
interface SubscriptionEntry extends Consumer {
  registration: SubscriptionRegistration
  handler: EventHandler
}

/**
 * RabbitMQ. Commands go to one queue per command that the service's instances consume in turn;
 * answers come back over direct reply-to. Events go to a topic exchange; each subscription has
 * its own queue (durable for durable subscriptions), shared by the service's instances, and a
 * message is acknowledged only after the subscription function succeeded.
 */
export class AmqpBridge implements EventBridge {
  readonly name = 'AmqpBridge'
  private connection?: ChannelModel
  /** Consumes commands and events, and settles their deliveries. */
  private work?: ChannelAcks
  /** Publishes events with publisher confirms. */
  private events?: ConfirmChannel
  /** Sends commands and receives their answers (direct reply-to needs both on one channel). */
  private calls?: Channel
  private readonly commands = new Map<string, CommandEntry>()
  private readonly subscriptions = new Map<string, SubscriptionEntry>()
  private readonly pending = new PendingCalls()
  private readonly inFlight = new InFlight()
  private readonly link: BrokerLink
  private readonly logger: Logger
  private readonly prefix: string
  private readonly url: string
  private stopping = false
  private reconnecting?: Promise<void>

  constructor(private readonly options: AmqpBridgeOptions = {}) {
    this.logger = (options.logger ?? createLogger()).child({ bridge: this.name })
    this.prefix = token(options.prefix ?? 'purista')
    this.url = options.url ?? process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
    this.link = new BrokerLink(options)
  }

  private get exchange() {
    return `${this.prefix}.events`
  }

  private commandQueue(a: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>) {
    return `${this.prefix}.command.${token(a.serviceName)}.${token(a.serviceVersion)}.${token(a.serviceTarget)}`
  }

  private subscriptionQueue(a: Address) {
    return `${this.prefix}.subscription.${token(a.serviceName)}.${token(a.serviceVersion)}.${token(a.serviceTarget)}`
  }

  async start() {
    this.stopping = false
    await this.connect()
  }

  async destroy() {
    this.stopping = true
    for (const entry of [...this.commands.values(), ...this.subscriptions.values()]) await this.cancel(entry)
    // Work can still start from deliveries that crossed the cancel; wait until none is left.
    await this.inFlight.drained()
    this.link.close()
    this.work?.flush()
    this.pending.failAll(unavailable('event bridge shut down'))
    // Channels first: closing a channel comes after its own acks, while a connection close can
    // overtake acks still queued on a channel, and the broker would then deliver those events again.
    for (const channel of [this.work?.channel, this.events, this.calls]) await channel?.close().catch(() => {})
    await this.connection?.close().catch(() => {})
    this.connection = undefined
  }

  isReady() {
    return this.link.connected
  }

  async registerCommand(address: Address, handler: CommandHandler) {
    const entry: CommandEntry = { address, handler }
    this.commands.set(addressKey(address), entry)
    await this.consumeCommands(entry)
  }

  async unregisterCommand(address: Address) {
    const entry = this.commands.get(addressKey(address))
    this.commands.delete(addressKey(address))
    if (entry) await this.cancel(entry)
  }

  async registerSubscription(registration: SubscriptionRegistration, handler: EventHandler) {
    const entry: SubscriptionEntry = { registration, handler }
    this.subscriptions.set(addressKey(registration.address), entry)
    await this.consumeEvents(entry)
  }

  async unregisterSubscription(address: Address) {
    const entry = this.subscriptions.get(addressKey(address))
    this.subscriptions.delete(addressKey(address))
    if (entry) await this.cancel(entry)
  }

  private async cancel(entry: Consumer) {
    entry.cancelled = true
    if (entry.consumerTag) await this.work?.channel.cancel(entry.consumerTag).catch(() => {})
  }

  /** A delivery for a cancelled consumer goes back to the queue untouched, for another instance. */
  private handBack(work: ChannelAcks, entry: Consumer, message: ConsumeMessage): boolean {
    if (!entry.cancelled) return false
    work.nack(message, true)
    return true
  }

  invoke(command: CommandMessage, timeoutMs = this.options.defaultCommandTimeoutMs ?? 30_000): Promise<unknown> {
    const channel = this.calls
    if (!channel || !this.link.connected) return Promise.reject(new BrokerUnavailable(command.traceId))
    const answered = this.pending.wait(command.id, command, timeoutMs)
    // mandatory: a command queue without consumers is deleted, so the broker returns the message (→ 503).
    channel.publish('', this.commandQueue(command.receiver), encode(command), { replyTo: REPLY_TO, correlationId: command.id, mandatory: true, contentType: 'application/json', headers: traceHeaders(command) })
    return answered
  }

  async emit(event: EventMessage) {
    if (!this.link.connected) await this.link.reconnected(event.traceId)
    const channel = this.events
    if (!channel) throw new BrokerUnavailable(event.traceId)
    const outages = this.link.outages
    channel.publish(this.exchange, token(event.eventName), encode(event), { persistent: true, contentType: 'application/json', headers: traceHeaders(event) })
    // Resolves once the broker has taken the event; rejects if it refused it, or if the connection
    // was lost first (the broker may or may not have it: the command fails, so its caller knows).
    await channel.waitForConfirms().catch((error: unknown) => {
      throw this.link.outages === outages ? error : new BrokerUnavailable(event.traceId)
    })
  }

  registry(): BridgeRegistry {
    return { commands: [...this.commands.values()].map((c) => c.address), subscriptions: [...this.subscriptions.values()].map((s) => s.registration) }
  }

  private async connect() {
    try {
      this.connection = await amqp.connect(this.url, amqpSocketOptions())
    } catch (error) {
      throw amqpStartError(this.url, this.options.url ? 'the url option' : '$AMQP_URL', error)
    }
    batchWrites((this.connection.connection as { stream?: unknown }).stream)
    this.connection.on('error', (error) => this.logger.warn('RabbitMQ connection error', { error }))
    this.connection.on('close', () => this.onConnectionLost())
    const work = await this.connection.createChannel()
    await work.prefetch(this.options.prefetch ?? 64)
    this.work = new ChannelAcks(work)
    this.events = await this.connection.createConfirmChannel()
    await this.events.assertExchange(this.exchange, 'topic', { durable: true })
    this.calls = await this.connection.createChannel()
    await this.calls.consume(REPLY_TO, (message) => message && this.pending.answer(message.properties.correlationId, () => outcome(decode(message.content))), { noAck: true })
    this.calls.on('return', (message: ConsumeMessage) => this.pending.fail(message.properties.correlationId, nobodyListens))
    // Up before the consumers come back: what they receive at once (events kept while away) may send too.
    this.link.up()
    for (const entry of this.commands.values()) await this.consumeCommands(entry)
    for (const entry of this.subscriptions.values()) await this.consumeEvents(entry)
  }

  /** The broker went away: fail calls waiting for answers, then reconnect and restore every consumer. */
  private onConnectionLost() {
    this.connection = this.work = this.events = this.calls = undefined
    this.link.down()
    if (this.stopping) return
    // Answers come over direct reply-to, which lives on the lost channel: none can arrive any more.
    this.pending.failAll(brokerUnavailable)
    this.logger.warn('RabbitMQ connection lost; reconnecting')
    this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined))
  }

  private async reconnect() {
    while (!this.stopping) {
      await new Promise((r) => setTimeout(r, this.options.reconnectDelayMs ?? 500))
      try {
        await this.connect()
        this.logger.info('RabbitMQ reconnected')
        return
      } catch (error) {
        this.logger.warn('RabbitMQ still unreachable', { error: (error as Error).message })
      }
    }
  }

  private async consumeCommands(entry: CommandEntry) {
    const work = this.work
    if (!work) return // registered again once reconnected
    const queue = this.commandQueue(entry.address)
    await work.channel.assertQueue(queue, { durable: false, autoDelete: true })
    const { consumerTag } = await work.channel.consume(queue, (message) => {
      if (!message || this.handBack(work, entry, message)) return
      this.inFlight.track(this.answerCommand(work, entry, message))
    })
    entry.consumerTag = consumerTag
  }

  private async answerCommand(work: ChannelAcks, entry: CommandEntry, message: ConsumeMessage) {
    try {
      const response = await respond(decode<CommandMessage>(message.content), entry.handler)
      this.calls?.sendToQueue(message.properties.replyTo, encode(response), { correlationId: message.properties.correlationId, contentType: 'application/json' })
      work.ack(message)
    } catch (error) {
      this.logger.error('cannot answer command', { command: addressKey(entry.address), error })
      work.nack(message, false)
    }
  }

  private async consumeEvents(entry: SubscriptionEntry) {
    const work = this.work
    if (!work) return
    const channel = work.channel
    const { registration, handler } = entry
    // Every instance: a queue of this connection's own. Otherwise one queue per subscription, shared by the instances.
    const { queue } = registration.everyInstance
      ? await channel.assertQueue('', { exclusive: true, autoDelete: true })
      : await channel.assertQueue(this.subscriptionQueue(registration.address), registration.durable ? { durable: true } : { durable: false, autoDelete: true })
    await channel.bindQueue(queue, this.exchange, token(registration.eventName))
    const { consumerTag } = await channel.consume(queue, (message) => {
      if (!message || this.handBack(work, entry, message)) return
      this.inFlight.track(this.deliver(work, message, registration, handler))
    })
    entry.consumerTag = consumerTag
  }

  /**
   * Acknowledged only after success; a failure is offered once more, then dropped with an error in
   * the log. A transient failure (503: the broker or a service it calls is away) is offered again
   * after RETRY_DELAY_MS as often as it happens: an outage often fails an event's first run and its
   * redelivery alike, and must not drop it. A subscription that asked for acknowledgement on receipt
   * is acknowledged first instead, and a failure of it is only logged.
   */
  private async deliver(work: ChannelAcks, message: ConsumeMessage, registration: SubscriptionRegistration, handler: EventHandler) {
    const onReceipt = registration.autoacknowledge
    if (onReceipt) work.ack(message)
    let event: EventMessage | undefined
    try {
      event = decode<EventMessage>(message.content)
      if (wants(registration, event)) await handler(event)
      if (!onReceipt) work.ack(message)
    } catch (error) {
      if (onReceipt) {
        this.logger.error('subscription failed; the event was acknowledged on receipt and is not offered again', { traceId: event?.traceId, subscription: addressKey(registration.address), error })
        return
      }
      const again = transient(error)
      const retry = again || !message.fields.redelivered
      this.logger.error(retry ? 'subscription failed; the event will be offered again' : 'subscription failed twice; the event is dropped', {
        traceId: event?.traceId,
        subscription: addressKey(registration.address),
        error,
      })
      // Requeued at once, it would come straight back and fail again while the outage lasts.
      if (again) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS))
      work.nack(message, retry)
    }
  }
}
