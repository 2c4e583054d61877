import { randomBytes } from 'node:crypto'
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  headers,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from 'nats'
import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import { createLogger, type Logger } from '../core/logger.ts'
import { addressKey, wants, type BridgeRegistry, type CommandHandler, type EventBridge, type EventHandler, type SubscriptionRegistration } from '../bridge/types.ts'
import { BrokerLink, BrokerUnavailable, brokerUnavailable, type BrokerLinkOptions } from '../bridge/broker-link.ts'
import { InFlight } from '../bridge/in-flight.ts'
import { nobodyListens, PendingCalls, unavailable } from '../bridge/pending-calls.ts'
import { outcome } from '../bridge/outcome.ts'
import { traceHeaders } from '../bridge/trace-headers.ts'
import { respond } from '../bridge/respond.ts'
import { decode, encode, token } from '../bridge/wire.ts'
import { natsAuthFromEnv, natsStartError } from './nats-connection.ts'

export interface NatsBridgeOptions extends BrokerLinkOptions {
  /** Default: $NATS_URL, else nats://127.0.0.1:4222. */
  servers?: string | string[]
  defaultCommandTimeoutMs?: number
  logger?: Logger
  /** Starts every subject, so apps sharing a NATS server stay apart. Default: 'purista'. */
  prefix?: string
  /** The JetStream stream that keeps events for durable subscriptions. Default: PURISTA_EVENTS, or derived from the prefix. */
  streamName?: string
  /**
   * How long the broker waits for a durable event's acknowledgement before offering it again, e.g.
   * when an instance stopped with events already on their way to it. A function that runs longer
   * keeps its event by telling the broker it is still working. Default: 5 s.
   */
  ackWaitMs?: number
}

/** Separates a purista caller's answer subject from the call's token in a reply subject. */
const CALL_MARK = '.~'

const groupOf = (a: Address) => `${token(a.serviceName)}_${token(a.serviceVersion)}_${token(a.serviceTarget)}`

/**
 * Commands are NATS request/reply; instances of a service share a queue group, so they compete.
 * Each call has its own reply subject, `<inbox>.~<token>`, so that NATS can answer an unserved command
 * at once with its no-responders status. A purista responder sees the `.~` and sends the answer to the
 * caller's one answer subject, `<inbox>`, naming the call in the answer's reply field: one subject
 * for every answer keeps nats-server on its subject cache (a new subject per answer cost it 2.5 µs).
 * Any other responder answers on the reply subject itself, which works too. One timer serves all
 * timeouts: nats.js request() costs a timer and a promise per call.
 * Events are published to JetStream: a durable subscription is a durable consumer that keeps its
 * place while the service is down; any other subscription is a queue group, once per service.
 */
export class NatsBridge implements EventBridge {
  readonly name = 'NatsBridge'
  private connection?: NatsConnection
  private jetstream?: JetStreamClient
  private manager?: JetStreamManager
  private readonly commands = new Map<string, { address: Address; subscription: Subscription }>()
  private readonly subscriptions = new Map<string, { registration: SubscriptionRegistration; stop: () => Promise<void> }>()
  private readonly inFlight = new InFlight()
  private readonly pending = new PendingCalls()
  private readonly link: BrokerLink
  private inbox = ''
  private nextToken = 0
  private readonly logger: Logger
  private readonly prefix: string
  readonly streamName: string
  private readonly ackWaitMs: number

  constructor(private readonly options: NatsBridgeOptions = {}) {
    this.logger = (options.logger ?? createLogger()).child({ bridge: this.name })
    this.prefix = token(options.prefix ?? 'purista')
    this.streamName = options.streamName ?? (options.prefix ? `${this.prefix.toUpperCase()}_EVENTS` : 'PURISTA_EVENTS')
    this.ackWaitMs = options.ackWaitMs ?? 5_000
    this.link = new BrokerLink(options)
  }

  private commandSubject(a: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>) {
    return `${this.prefix}.command.${token(a.serviceName)}.${token(a.serviceVersion)}.${token(a.serviceTarget)}`
  }

  private eventSubject(eventName: string) {
    return `${this.prefix}.event.${token(eventName)}`
  }

  async start() {
    const servers = this.options.servers ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222'
    const auth = natsAuthFromEnv()
    try {
      this.connection = await connect({ servers, ...auth.options, reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250, name: 'purista' })
    } catch (error) {
      throw natsStartError(servers, auth, error)
    }
    void this.watchStatus(this.connection)
    // 64 random bits, 18 characters where nats.js's createInbox() has 29: an inbox travels four times
    // in every call (reply subject and answer subject, each there and back).
    this.inbox = `_INBOX.${randomBytes(8).toString('base64url')}`
    const onReply = (_error: unknown, message: Msg) => this.onReply(message)
    this.connection.subscribe(this.inbox, { callback: onReply })
    this.connection.subscribe(`${this.inbox}.*`, { callback: onReply })
    this.manager = await this.connection.jetstreamManager()
    this.jetstream = this.connection.jetstream()
    await this.ensureStream()
    this.link.up()
  }

  async destroy() {
    for (const { stop } of this.subscriptions.values()) await stop()
    this.subscriptions.clear()
    await this.inFlight.drained()
    this.link.close()
    this.pending.failAll(unavailable('event bridge shut down'))
    if (this.connection && !this.connection.isClosed()) await this.connection.drain()
    this.commands.clear()
  }

  isReady() {
    return this.link.connected
  }

  async registerCommand(address: Address, handler: CommandHandler) {
    const connection = this.requireConnection()
    const subscription = connection.subscribe(this.commandSubject(address), {
      queue: `${token(address.serviceName)}_${token(address.serviceVersion)}`,
      callback: (error, message) => {
        if (error) return this.logger.error('command subscription failed', { command: addressKey(address), error })
        this.inFlight.track(this.answerCommand(connection, message, handler, address))
      },
    })
    this.commands.set(addressKey(address), { address, subscription })
    // Once the server has the subscription, calls reach it: until then they would get no-responders.
    await connection.flush()
  }

  private async answerCommand(connection: NatsConnection, message: Msg, handler: CommandHandler, address: Address) {
    try {
      const data = encode(await respond(decode<CommandMessage>(message.data), handler))
      const reply = message.reply ?? ''
      const mark = reply.lastIndexOf(CALL_MARK)
      // A purista caller: its one answer subject, the call named in the reply field. Anyone else: the reply subject.
      if (mark > 0) connection.publish(reply.slice(0, mark), data, { reply })
      else message.respond(data)
    } catch (error) {
      this.logger.error('cannot answer command', { command: addressKey(address), error })
    }
  }

  async unregisterCommand(address: Address) {
    const key = addressKey(address)
    await this.commands.get(key)?.subscription.drain()
    this.commands.delete(key)
  }

  async registerSubscription(registration: SubscriptionRegistration, handler: EventHandler) {
    const deliver = async (event: EventMessage) => {
      if (!wants(registration, event)) return
      await handler(event)
    }
    const stop = registration.durable ? await this.consumeDurably(registration, deliver) : this.consumeEvents(registration, deliver)
    this.subscriptions.set(addressKey(registration.address), { registration, stop })
  }

  async unregisterSubscription(address: Address) {
    const key = addressKey(address)
    await this.subscriptions.get(key)?.stop()
    this.subscriptions.delete(key)
  }

  invoke(command: CommandMessage, timeoutMs = this.options.defaultCommandTimeoutMs ?? 30_000): Promise<unknown> {
    const connection = this.requireConnection()
    if (!this.link.connected) return Promise.reject(new BrokerUnavailable(command.traceId))
    const token = (this.nextToken++).toString(36)
    const answered = this.pending.wait(token, command, timeoutMs)
    connection.publish(this.commandSubject(command.receiver), encode(command), { reply: `${this.inbox}${CALL_MARK}${token}`, headers: natsTraceHeaders(command) })
    return answered
  }

  private onReply(message: Msg) {
    const token = (message.reply || message.subject).slice(this.inbox.length + CALL_MARK.length)
    // With no subscriber on the subject, the server answers for it with a 503 status.
    if (message.headers?.hasError && message.headers.code === 503) this.pending.fail(token, nobodyListens)
    else this.pending.answer(token, () => outcome(decode(message.data)))
  }

  async emit(event: EventMessage) {
    if (!this.link.connected) await this.link.reconnected(event.traceId)
    const outages = this.link.outages
    // JetStream acknowledges once the event is stored: durable subscribers get it even if none is running.
    // An acknowledgement lost with the connection fails the emit, within the budget (the event may be stored or not).
    await this.requireJetStream()
      .publish(this.eventSubject(event.eventName), encode(event), { timeout: this.link.outageBudgetMs, headers: natsTraceHeaders(event) })
      .catch((error: unknown) => {
        throw this.link.outages === outages ? error : new BrokerUnavailable(event.traceId)
      })
  }

  registry(): BridgeRegistry {
    return { commands: [...this.commands.values()].map((c) => c.address), subscriptions: [...this.subscriptions.values()].map((s) => s.registration) }
  }

  /** A queue group per subscription (once per service), or none when every instance wants each event. */
  private consumeEvents(registration: SubscriptionRegistration, deliver: (event: EventMessage) => Promise<void>) {
    const subscription = this.requireConnection().subscribe(this.eventSubject(registration.eventName), {
      queue: registration.everyInstance ? undefined : groupOf(registration.address),
      callback: (error, message) => {
        if (error) return this.logger.error('event subscription failed', { subscription: addressKey(registration.address), error })
        const event = decode<EventMessage>(message.data)
        this.inFlight.track(deliver(event).catch((failure: unknown) => this.logger.error('subscription failed', { traceId: event.traceId, subscription: addressKey(registration.address), error: failure })))
      },
    })
    return () => subscription.drain()
  }

  /** A durable JetStream consumer per subscription, shared by the service's instances. */
  private async consumeDurably(registration: SubscriptionRegistration, deliver: (event: EventMessage) => Promise<void>) {
    const durable = groupOf(registration.address)
    await this.requireManager().consumers.add(this.streamName, {
      durable_name: durable,
      filter_subject: this.eventSubject(registration.eventName),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      ack_wait: nanos(this.ackWaitMs),
    })
    const consumer = await this.requireJetStream().consumers.get(this.streamName, durable)
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 })
    const loop = (async () => {
      for await (const message of messages) {
        const event = decode<EventMessage>(message.data)
        if (registration.autoacknowledge) {
          // Acknowledged on receipt, as the subscription asked (adviceAutoacknowledgeMessage): a failure is not offered again.
          message.ack()
          await deliver(event).catch((error: unknown) => this.logger.error('subscription failed; the event was acknowledged on receipt and is not offered again', { traceId: event.traceId, subscription: addressKey(registration.address), error }))
          continue
        }
        const stillWorking = setInterval(() => message.working(), this.ackWaitMs / 2)
        try {
          await deliver(event)
          message.ack()
        } catch (error) {
          this.logger.error('subscription failed; the event will be offered again', { traceId: event.traceId, subscription: addressKey(registration.address), error })
          message.nak(1_000)
        } finally {
          clearInterval(stillWorking)
        }
      }
    })()
    return async () => {
      await messages.close()
      await loop
    }
  }

  private async ensureStream() {
    const manager = this.requireManager()
    try {
      await manager.streams.info(this.streamName)
    } catch {
      await manager.streams.add({ name: this.streamName, subjects: [`${this.prefix}.event.>`], max_age: nanos(7 * 24 * 3600 * 1000) })
    }
  }

  /** Removes the event stream and every durable consumer on it: for tests and teardown scripts. */
  async deleteStream() {
    await this.requireManager().streams.delete(this.streamName)
  }

  private async watchStatus(connection: NatsConnection) {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') this.logger.warn(`NATS ${status.type}`, { server: status.data })
      if (status.type === 'disconnect') {
        this.link.down()
        // nats.js restores the answer subscriptions on reconnect, so an answer can still come: wait for it, within the budget.
        this.pending.failWithin(this.link.outageBudgetMs, brokerUnavailable)
      }
      if (status.type === 'reconnect') this.link.up()
    }
  }

  private requireConnection(): NatsConnection {
    if (!this.connection) throw new Error('NatsBridge is not started: call start() first')
    return this.connection
  }

  private requireJetStream(): JetStreamClient {
    if (!this.jetstream) throw new Error('NatsBridge is not started: call start() first')
    return this.jetstream
  }

  private requireManager(): JetStreamManager {
    if (!this.manager) throw new Error('NatsBridge is not started: call start() first')
    return this.manager
  }
}

/** A traced message's span context as NATS headers; none for an untraced one. */
function natsTraceHeaders(message: { otp?: string }): MsgHdrs | undefined {
  const trace = traceHeaders(message)
  if (!trace) return undefined
  const carried = headers()
  for (const [name, value] of Object.entries(trace)) carried.set(name, value)
  return carried
}
