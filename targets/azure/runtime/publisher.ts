import { ServiceBusClient, type ServiceBusMessage, type ServiceBusSender } from '@azure/service-bus'
import type { EventMessage } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { managedIdentity, readConnection } from './connection.ts'
import { EVENT_NAME_PROPERTY, SENDER_VERSION_PROPERTY, SERVICE_BUS_CONNECTION } from './names.ts'

interface Pending {
  message: ServiceBusMessage
  resolve(): void
  reject(error: Error): void
}

export interface PublisherOptions {
  topic: string
  /** Default: a sender on the topic over the connection the app settings name. */
  sender?: Pick<ServiceBusSender, 'createMessageBatch' | 'sendMessages'>
}

/** The message of an event: the purista envelope as JSON body, the properties the subscriptions' SQL filters test. */
export const toServiceBusMessage = (event: EventMessage): ServiceBusMessage => ({
  body: event,
  contentType: 'application/json',
  messageId: event.id,
  correlationId: event.traceId,
  applicationProperties: { [EVENT_NAME_PROPERTY]: event.eventName, [SENDER_VERSION_PROPERTY]: event.sender.serviceVersion },
})

/**
 * Sends events to the app's topic. Events emitted in the same tick go out together in as few
 * batches as Service Bus takes; an event larger than one message may be, or one Service Bus does not
 * take, rejects its emit(): no event is dropped silently. The SDK retries transient failures itself.
 */
export class EventPublisher {
  // #private: true privacy, and esbuild shortens the names (this class ships in the bundles).
  readonly #sender: () => Promise<Pick<ServiceBusSender, 'createMessageBatch' | 'sendMessages'>>
  #queue: Pending[] = []

  constructor(options: PublisherOptions) {
    if (options.sender) {
      const sender = options.sender
      this.#sender = async () => sender
    } else {
      // Read now, so a missing setting fails the function at load; connected on first send.
      const connection = readConnection(SERVICE_BUS_CONNECTION, 'fullyQualifiedNamespace')
      let sender: Promise<ServiceBusSender> | undefined
      this.#sender = () =>
        (sender ??= (async () => {
          const client = 'connectionString' in connection ? new ServiceBusClient(connection.connectionString) : new ServiceBusClient(connection.endpoint, await managedIdentity())
          return client.createSender(options.topic)
        })())
    }
  }

  publish(event: EventMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#queue.length === 0) queueMicrotask(() => void this.#flush())
      this.#queue.push({ message: toServiceBusMessage(event), resolve, reject })
    })
  }

  async #flush(): Promise<void> {
    const queued = this.#queue
    this.#queue = []
    try {
      const sender = await this.#sender()
      let batch = await sender.createMessageBatch()
      let inBatch: Pending[] = []
      const send = async () => {
        const sending = inBatch
        if (!sending.length) return
        await sender.sendMessages(batch).then(
          () => sending.forEach((p) => p.resolve()),
          (error: Error) => sending.forEach((p) => p.reject(unavailable(p, error))),
        )
      }
      for (const pending of queued) {
        if (batch.tryAddMessage(pending.message)) {
          inBatch.push(pending)
          continue
        }
        if (inBatch.length) {
          await send()
          ;[batch, inBatch] = [await sender.createMessageBatch(), []]
          if (batch.tryAddMessage(pending.message)) {
            inBatch.push(pending)
            continue
          }
        }
        // It does not fit into an empty batch: no retry will change that.
        pending.reject(tooLarge(pending, batch.maxSizeInBytes))
      }
      await send()
    } catch (error) {
      for (const pending of queued) pending.reject(unavailable(pending, error as Error))
    }
  }
}

const eventName = (pending: Pending) => String(pending.message.applicationProperties?.[EVENT_NAME_PROPERTY])

const tooLarge = (pending: Pending, limit: number) =>
  new UnhandledError(
    StatusCode.InternalServerError,
    `event "${eventName(pending)}" is ${Buffer.byteLength(JSON.stringify(pending.message.body))} bytes; Service Bus takes at most ${limit} bytes per message on this namespace: send a reference (an id, a blob name) instead of the data`,
  )

// A promise settles once: rejecting one already resolved (sent before a later batch failed) is a no-op.
const unavailable = (pending: Pending, error: Error) => new UnhandledError(StatusCode.ServiceUnavailable, `Service Bus did not take event "${eventName(pending)}": ${error.message}`)
