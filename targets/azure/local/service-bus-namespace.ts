import type { AddressInfo, Server } from 'node:net'
import rhea, { type Connection, type EventContext, type link as Link, type Message, type Sender } from 'rhea'
import type { LocalTopic } from './template.ts'

/** A message as the namespace took it, before any subscription's filter. */
export interface ReceivedMessage {
  messageId?: string
  correlationId?: string
  contentType?: string
  subject?: string
  applicationProperties: Record<string, unknown>
  /** JSON bodies parsed, as the Functions host hands them to a Node function; other text as it is. */
  body: unknown
}

export interface LocalServiceBus {
  /** What the functions' PURISTA_SERVICEBUS setting holds locally: the emulator form, plain AMQP on loopback. */
  connectionString: string
  close(): Promise<void>
}

export interface LocalServiceBusOptions {
  topics: LocalTopic[]
  receive(topic: string, message: ReceivedMessage): void
}

/** The message format of ServiceBusSender.sendMessages(batch): one transfer, each message a data section. */
const BATCH_FORMAT = 0x80013700
const CBS = '$cbs'

/** The attach frames of a link, which rhea keeps but does not type: what the client asked for, what this side answers. */
type Attach = { target?: { address?: string }; source?: { address?: string }; max_message_size?: number }
const frames = (link: Link) => link as Link & { remote: { attach?: Attach }; local: { attach: Attach } }
/** A transfer in another format than plain AMQP (a batch) arrives undecoded, with its format. */
type Transfer = EventContext & { format?: number }

/**
 * A Service Bus namespace on loopback, for the real @azure/service-bus client the functions bundle:
 * it speaks the AMQP the client speaks (claims-based auth on $cbs, a sender link per topic, single
 * and batched messages) and hands every message sent to a topic to `receive`. Each topic's link
 * announces the topic's maximum message size from the template, so the client's own batch check
 * refuses an event Azure would refuse. Topics the template does not declare are not found, as in Azure.
 */
export async function startLocalServiceBus(options: LocalServiceBusOptions): Promise<LocalServiceBus> {
  const topics = new Map(options.topics.map((t) => [t.name, t]))
  const container = rhea.create_container({ id: 'purista-local-service-bus' })
  const connections = new Set<Connection>()

  container.on('connection_open', (context: EventContext) => {
    const connection = context.connection
    connections.add(connection)
    connection.once('connection_close', () => connections.delete(connection))
  })
  // The client's links: a receiver here is where the client sends (a topic, or $cbs for its token).
  container.on('receiver_open', (context: EventContext) => {
    const receiver = frames(context.receiver!)
    const address = receiver.remote.attach?.target?.address ?? ''
    const topic = topics.get(address)
    if (address !== CBS && !topic) {
      receiver.close({ condition: 'amqp:not-found', description: `The messaging entity '${address}' could not be found (the template declares the topics ${[...topics.keys()].join(', ') || 'none'}).` })
      return
    }
    receiver.set_target({ address })
    if (topic) receiver.local.attach.max_message_size = topic.maxMessageBytes
  })
  container.on('sender_open', (context: EventContext) => {
    const sender = frames(context.sender!)
    sender.set_source({ address: sender.remote.attach?.source?.address ?? '' })
  })
  container.on('message', (context: Transfer) => {
    const address = frames(context.receiver!).remote.attach?.target?.address ?? ''
    if (address === CBS) return acceptToken(context)
    // rhea types decode() with its own message type, which lacks body; the decoded message has one.
    const decode = (bytes: Buffer) => rhea.message.decode(bytes) as unknown as Message
    const messages = context.format === BATCH_FORMAT ? dataSections(decode(context.message as unknown as Buffer)).map(decode) : [context.message!]
    for (const message of messages) options.receive(address, received(message))
  })

  const server: Server = container.listen({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    connectionString: `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true`,
    close: () =>
      new Promise((resolve) => {
        for (const connection of connections) connection.close()
        server.close(() => resolve())
      }),
  }
}

/** The client authorizes each link with a put-token on $cbs; every token is good locally (there is no key to check it against). */
function acceptToken(context: EventContext) {
  const request = context.message!
  const reply = context.connection.find_sender((sender: Sender) => sender.source?.address === CBS)
  reply?.send({ to: request.reply_to, correlation_id: request.message_id, application_properties: { 'status-code': 200, 'status-description': 'OK' }, body: undefined })
}

type Section = { content: Buffer | Buffer[]; multiple?: boolean }

const dataSections = (batch: Message): Buffer[] => {
  const body = batch.body as Section
  return body.multiple ? (body.content as Buffer[]) : [body.content as Buffer]
}

function received(message: Message): ReceivedMessage {
  return {
    ...(message.message_id !== undefined && { messageId: String(message.message_id) }),
    ...(message.correlation_id !== undefined && { correlationId: String(message.correlation_id) }),
    ...(message.content_type && { contentType: message.content_type }),
    ...(message.subject && { subject: message.subject }),
    applicationProperties: { ...(message.application_properties ?? {}) },
    body: bodyOf(message.body),
  }
}

/** The client sends a JSON body as one data section of UTF-8 JSON; an AMQP value arrives as it is. */
function bodyOf(body: unknown): unknown {
  const section = body as Section | undefined
  if (!section || !Buffer.isBuffer(section.content)) return body
  const text = section.content.toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
