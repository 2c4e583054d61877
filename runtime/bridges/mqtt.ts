import { randomBytes } from 'node:crypto'
import mqtt, { type IClientSubscribeOptions, type IPublishPacket, type MqttClient } from 'mqtt'
import { describeAddress, type Address, type CommandMessage, type EventMessage } from '../core/envelope.ts'
import { createLogger, type Logger } from '../core/logger.ts'
import { addressKey, wants, type BridgeRegistry, type CommandHandler, type EventBridge, type EventHandler, type SubscriptionRegistration } from '../bridge/types.ts'
import { BrokerLink, BrokerUnavailable, brokerUnavailable, type BrokerLinkOptions } from '../bridge/broker-link.ts'
import { InFlight } from '../bridge/in-flight.ts'
import { PendingCalls, unavailable } from '../bridge/pending-calls.ts'
import { outcome } from '../bridge/outcome.ts'
import { traceHeaders } from '../bridge/trace-headers.ts'
import { RETRY_DELAY_MS, transient } from '../bridge/transient.ts'
import { respond } from '../bridge/respond.ts'
import { decode, encode, token } from '../bridge/wire.ts'
import { mqttAuthFromEnv, mqttStartError } from './mqtt-connection.ts'

export interface MqttBridgeOptions extends BrokerLinkOptions {
  /** Default: $MQTT_URL, else mqtt://127.0.0.1:1883. */
  url?: string
  /**
   * This instance's stable id; the MQTT client id is `<prefix>-<id>`, so instances of two apps with
   * one id never take over each other's session. Durable subscriptions live in the broker session of
   * this id, so an instance that comes back under the same id gets what it missed. Default:
   * $PURISTA_INSTANCE_ID. Without one the session is clean: a random id's session would outlive
   * the process and keep taking its share of events nobody will read.
   */
  clientId?: string
  defaultCommandTimeoutMs?: number
  logger?: Logger
  /** Starts every topic, so apps sharing a broker stay apart. Default: 'purista'. */
  prefix?: string
  /** How long the broker keeps this instance's session (and its durable events) while it is away. */
  sessionExpirySeconds?: number
}

interface Route {
  kind: 'command' | 'event'
  address: Address
  deliver: (packet: IPublishPacket) => Promise<void>
  filter: string
  /** Kept in the broker session when the service stops, so events wait for its return. */
  durable: boolean
}

/**
 * A subscription identifier derived from the filter (FNV-1a, in MQTT's 1…268,435,455 range): messages
 * the broker kept while an instance was away carry it, and still find their subscription after a restart.
 */
function identifierOf(filter: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < filter.length; i++) hash = Math.imul(hash ^ filter.charCodeAt(i), 0x01000193) >>> 0
  return (hash % 268_435_455) + 1
}

/**
 * MQTT 5. Commands: the service's instances share a subscription to the command topic, so they
 * compete; the answer goes to the caller's responseTopic with the request's correlationData.
 * Events: a shared subscription per subscription, so each service gets an event once; durable ones
 * are kept by the broker in this instance's session while it is away, when the instance has a
 * stable id (see clientId). Unlike AMQP, MQTT messages are acknowledged on receipt (see start()).
 */
export class MqttBridge implements EventBridge {
  readonly name = 'MqttBridge'
  private client?: MqttClient
  private readonly routes = new Map<number, Route>()
  /** The filters subscribed to now, with their options: what a reconnect restores. */
  private readonly subscribed = new Map<string, IClientSubscribeOptions>()
  /** Messages the broker kept for a subscription this instance has not registered again yet. */
  private readonly unclaimed = new Map<number, IPublishPacket[]>()
  private readonly pending = new PendingCalls()
  private readonly subscriptions = new Map<string, SubscriptionRegistration>()
  private readonly inFlight = new InFlight()
  private readonly link: BrokerLink
  private readonly logger: Logger
  private readonly prefix: string
  private readonly clientId: string
  /** Only an instance that will come back under the same id gets a session the broker keeps. */
  private readonly persistent: boolean
  private readonly replyTopic: string
  /** When the broker was last back after an outage (see invoke). */
  private reconnectedAt = 0
  private stopping = false

  constructor(private readonly options: MqttBridgeOptions = {}) {
    this.logger = (options.logger ?? createLogger()).child({ bridge: this.name })
    this.prefix = token(options.prefix ?? 'purista')
    const stableId = options.clientId ?? process.env.PURISTA_INSTANCE_ID
    this.persistent = !!stableId
    this.clientId = `${this.prefix}-${stableId ?? randomBytes(6).toString('hex')}`
    this.replyTopic = `${this.prefix}/reply/${token(this.clientId)}`
    this.link = new BrokerLink(options)
  }

  private commandTopic(a: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>) {
    return `${this.prefix}/command/${token(a.serviceName)}/${token(a.serviceVersion)}/${token(a.serviceTarget)}`
  }

  private eventTopic(eventName: string) {
    return `${this.prefix}/event/${token(eventName)}`
  }

  async start() {
    const url = this.options.url ?? process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883'
    const auth = mqttAuthFromEnv()
    const client = mqtt.connect(url, {
      ...auth.options,
      protocolVersion: 5,
      clientId: this.clientId,
      clean: !this.persistent,
      properties: { sessionExpiryInterval: this.persistent ? (this.options.sessionExpirySeconds ?? 3600) : 0 },
      reconnectPeriod: 250,
      // Restored by restore(), so that the bridge counts as connected only once it receives again.
      resubscribe: false,
    })
    // Set before the session resumes: the broker hands over the events it kept right away.
    // mqtt.js reads no further packet until `done` is called. A function that publishes or calls
    // another command waits for packets itself, so the message is acknowledged on receipt and runs after.
    client.handleMessage = (packet, done) => {
      this.inFlight.track(this.dispatch(packet as IPublishPacket))
      done()
    }
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve())
        client.once('error', reject)
      })
    } catch (error) {
      client.end(true)
      throw mqttStartError(url, auth, error)
    }
    this.client = client
    client.on('offline', () => {
      this.logger.warn('MQTT broker unreachable; reconnecting')
      this.link.down()
      // The reply topic is subscribed again on reconnect (restore), so an answer can still come: wait for it, within the budget.
      this.pending.failWithin(this.link.outageBudgetMs, brokerUnavailable)
    })
    client.on('connect', () => void this.restore(client))
    client.on('reconnect', () => this.logger.info('MQTT reconnecting'))
    client.on('error', (error) => this.logger.warn('MQTT error', { error }))
    await this.subscribe(this.replyTopic, { qos: 1 })
    this.link.up()
  }

  /**
   * Back after an outage: every subscription again, before the bridge counts as connected, since the
   * broker drops an answer or event sent to a topic nobody subscribes to. Also for a session the
   * broker kept: mosquitto 2.0 restores a persistent session after a restart without its shared
   * subscriptions. Subscribing again to a subscription the session has replaces it, nothing is lost.
   */
  private async restore(client: MqttClient) {
    try {
      await Promise.all([...this.subscribed].map(([filter, options]) => client.subscribeAsync(filter, options)))
    } catch (error) {
      // Lost again meanwhile: the next connect restores them.
      return this.logger.warn('MQTT subscriptions not restored', { error })
    }
    if (!client.connected) return
    this.reconnectedAt = Date.now()
    this.link.up()
  }

  private async subscribe(filter: string, options: IClientSubscribeOptions) {
    await this.requireClient().subscribeAsync(filter, options)
    this.subscribed.set(filter, options)
  }

  async destroy() {
    this.stopping = true
    // Work waiting on a lost connection would wait forever; with a connection it finishes first.
    if (this.client?.connected) await this.inFlight.drained()
    const unclaimed = [...this.unclaimed.values()].flat().length
    if (unclaimed) this.logger.warn('events kept by the broker were not claimed by any subscription of this instance', { count: unclaimed })
    this.link.close()
    this.pending.failAll(unavailable('event bridge shut down'))
    // A client still trying to reconnect would wait for the broker forever: end it at once.
    await this.client?.endAsync(!this.client.connected)
    this.client = undefined
    this.routes.clear()
  }

  isReady() {
    return this.link.connected
  }

  async registerCommand(address: Address, handler: CommandHandler) {
    const topic = this.commandTopic(address)
    await this.route({
      kind: 'command',
      address,
      durable: false,
      filter: `$share/${this.prefix}_${token(address.serviceName)}_${token(address.serviceVersion)}/${topic}`,
      deliver: async (packet) => {
        const command = decode<CommandMessage>(packet.payload)
        const responseTopic = packet.properties?.responseTopic
        const response = await respond(command, handler)
        if (responseTopic) await this.requireClient().publishAsync(responseTopic, encode(response), { qos: 1, properties: { correlationData: packet.properties?.correlationData } })
      },
    })
  }

  async unregisterCommand(address: Address) {
    await this.unroute('command', address)
  }

  async registerSubscription(registration: SubscriptionRegistration, handler: EventHandler) {
    const { address } = registration
    this.subscriptions.set(addressKey(address), registration)
    await this.route({
      kind: 'event',
      address,
      durable: registration.durable,
      // Every instance: a plain subscription. Otherwise a shared one per subscription, once per service.
      filter: registration.everyInstance
        ? this.eventTopic(registration.eventName)
        : `$share/${this.prefix}_${token(address.serviceName)}_${token(address.serviceVersion)}_${token(address.serviceTarget)}/${this.eventTopic(registration.eventName)}`,
      deliver: async (packet) => {
        const event = decode<EventMessage>(packet.payload)
        if (!wants(registration, event)) return
        await this.run(event, handler, registration)
      },
    })
  }

  async unregisterSubscription(address: Address) {
    this.subscriptions.delete(addressKey(address))
    await this.unroute('event', address)
  }

  /**
   * Runs a subscription. MQTT acknowledged the event on receipt, so the broker never offers it again:
   * a transient failure (503, e.g. its own call failed during an outage) runs it again here, every
   * RETRY_DELAY_MS until it succeeds or the bridge stops.
   */
  private async run(event: EventMessage, handler: EventHandler, registration: SubscriptionRegistration) {
    const subscription = addressKey(registration.address)
    for (;;) {
      try {
        return await handler(event)
      } catch (error) {
        const again = transient(error) && !registration.autoacknowledge && !this.stopping
        this.logger.error(again ? 'subscription failed; it runs again' : 'subscription failed', { traceId: event.traceId, subscription, error })
        if (!again) return
      }
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS))
    }
  }

  invoke(command: CommandMessage, timeoutMs = this.options.defaultCommandTimeoutMs ?? 30_000): Promise<unknown> {
    const client = this.client
    if (!client || !this.link.connected) return Promise.reject(new BrokerUnavailable(command.traceId))
    // MQTT cannot tell that nobody listens: silence and absence both end in the timeout (504).
    const answered = this.pending.wait(command.id, command, timeoutMs)
    // Right after an outage the receiving service may not have subscribed again yet, and the broker
    // drops a command nobody subscribes to: for one budget, a call waits at most the budget.
    if (Date.now() - this.reconnectedAt < this.link.outageBudgetMs) this.pending.limit(command.id, this.link.outageBudgetMs, brokerUnavailable)
    client
      .publishAsync(this.commandTopic(command.receiver), encode(command), { qos: 1, properties: { responseTopic: this.replyTopic, correlationData: Buffer.from(command.id), ...userProperties(command) } })
      .catch((error: unknown) => this.pending.fail(command.id, unavailable(`cannot send ${describeAddress(command.receiver)}: ${(error as Error).message}`)))
    return answered
  }

  async emit(event: EventMessage) {
    if (!this.link.connected) await this.link.reconnected(event.traceId)
    // QoS 1: resolves once the broker acknowledged the event.
    await this.requireClient().publishAsync(this.eventTopic(event.eventName), encode(event), { qos: 1, properties: userProperties(event) })
  }

  registry(): BridgeRegistry {
    return {
      commands: [...this.routes.values()].filter((r) => r.kind === 'command').map((r) => r.address),
      subscriptions: [...this.subscriptions.values()],
    }
  }

  /** Subscribes with a subscription identifier, which tells each incoming message whose it is. */
  private async route(route: Route) {
    const subscriptionIdentifier = identifierOf(route.filter)
    const taken = this.routes.get(subscriptionIdentifier)
    if (taken && taken.filter !== route.filter) throw new Error(`MQTT subscription identifiers collide for ${taken.filter} and ${route.filter}: rename one of them`)
    // A client holds one subscription per filter: a second one would silently replace the first.
    if (taken && addressKey(taken.address) !== addressKey(route.address)) {
      throw new Error(`${addressKey(taken.address)} and ${addressKey(route.address)} both receive ${route.filter} on every instance; over MQTT one process can hold only one such subscription per event`)
    }
    this.routes.set(subscriptionIdentifier, route)
    await this.subscribe(route.filter, { qos: 1, properties: { subscriptionIdentifier } })
    const kept = this.unclaimed.get(subscriptionIdentifier) ?? []
    this.unclaimed.delete(subscriptionIdentifier)
    for (const packet of kept) this.inFlight.track(this.deliver(route, packet))
  }

  /**
   * Stops receiving for an address. The route itself stays until destroy(): messages already
   * received (and, in MQTT, already acknowledged) must still run, or they would be lost.
   */
  private async unroute(kind: Route['kind'], address: Address) {
    for (const route of this.routes.values()) {
      if (route.kind !== kind || addressKey(route.address) !== addressKey(address)) continue
      // A durable subscription stays in a persistent session: the broker keeps its events until the
      // instance returns. A clean session keeps nothing, so the shared group's other members take over.
      if (route.durable && this.persistent) continue
      this.subscribed.delete(route.filter)
      await this.client?.unsubscribeAsync(route.filter)
    }
  }

  private async dispatch(packet: IPublishPacket) {
    if (packet.topic === this.replyTopic) return this.onReply(packet)
    const identifiers = packet.properties?.subscriptionIdentifier
    for (const identifier of Array.isArray(identifiers) ? identifiers : [identifiers]) {
      if (identifier === undefined) continue
      const route = this.routes.get(identifier)
      if (route) await this.deliver(route, packet)
      else this.unclaimed.set(identifier, [...(this.unclaimed.get(identifier) ?? []), packet])
    }
  }

  private deliver(route: Route, packet: IPublishPacket) {
    return route.deliver(packet).catch((error: unknown) => this.logger.error('cannot handle message', { topic: packet.topic, error }))
  }

  private onReply(packet: IPublishPacket) {
    const id = packet.properties?.correlationData?.toString()
    if (id) this.pending.answer(id, () => outcome(decode(packet.payload)))
  }

  private requireClient(): MqttClient {
    if (!this.client) throw new Error('MqttBridge is not started: call start() first')
    return this.client
  }
}

/** A traced message's span context as MQTT 5 user properties; nothing for an untraced one. */
function userProperties(message: { otp?: string }): { userProperties?: Record<string, string> } | undefined {
  const trace = traceHeaders(message)
  return trace && { userProperties: { ...trace } }
}
