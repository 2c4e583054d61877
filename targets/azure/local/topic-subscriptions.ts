import type { ReceivedMessage } from './service-bus-namespace.ts'
import { compileSqlFilter, type MessageFilter } from './sql-filter.ts'
import type { LocalSubscription } from './template.ts'

/** A message that used up its subscription's deliveries: Service Bus moves it to the subscription's dead-letter queue. */
export interface DeadLetter {
  topic: string
  subscription: string
  message: ReceivedMessage
  reason: 'MaxDeliveryCountExceeded'
  /** The last failure. */
  description: string
}

export interface TopicSubscriptionsOptions {
  subscriptions: LocalSubscription[]
  /** Runs the function on the subscription; a rejection is a failed delivery. */
  deliver(subscription: LocalSubscription, message: ReceivedMessage, deliveryCount: number): Promise<void>
  log(line: string): void
}

/**
 * The subscriptions of the template's topics: a message sent to a topic is copied to every
 * subscription whose SQL filter it matches, and delivered there until the function succeeds, at
 * most maxDeliveryCount times (the Functions host abandons a failed message, which Service Bus
 * delivers again at once); then it is dead-lettered.
 */
export class TopicSubscriptions {
  readonly deadLetters: DeadLetter[] = []
  readonly #subscriptions: { subscription: LocalSubscription; matches: MessageFilter }[]

  constructor(private readonly options: TopicSubscriptionsOptions) {
    // Compiled once, at start: a filter the local run cannot read stops it, naming the subscription.
    this.#subscriptions = options.subscriptions.map((subscription) => {
      try {
        return { subscription, matches: subscription.sqlFilter === null ? () => true : compileSqlFilter(subscription.sqlFilter) }
      } catch (error) {
        throw new Error(`subscription ${subscription.topic}/${subscription.name}: ${(error as Error).message}`)
      }
    })
  }

  /** A message the namespace took for a topic; delivered in the background, as Service Bus does. */
  publish(topic: string, message: ReceivedMessage): void {
    const systemProperties = { MessageId: message.messageId, CorrelationId: message.correlationId, ContentType: message.contentType, Label: message.subject }
    for (const { subscription, matches } of this.#subscriptions) {
      if (subscription.topic === topic && matches({ applicationProperties: message.applicationProperties, systemProperties })) void this.#deliver(subscription, message)
    }
  }

  async #deliver(subscription: LocalSubscription, message: ReceivedMessage): Promise<void> {
    let failure = ''
    for (let deliveryCount = 1; deliveryCount <= subscription.maxDeliveryCount; deliveryCount++) {
      try {
        return await this.options.deliver(subscription, message, deliveryCount)
      } catch (error) {
        failure = (error as Error).message
        this.options.log(`${subscription.name} failed on message ${message.messageId} (delivery ${deliveryCount} of ${subscription.maxDeliveryCount}): ${failure}`)
      }
    }
    this.deadLetters.push({ topic: subscription.topic, subscription: subscription.name, message, reason: 'MaxDeliveryCountExceeded', description: failure })
    this.options.log(`message ${message.messageId} goes to the dead-letter queue of ${subscription.topic}/${subscription.name}`)
  }
}
