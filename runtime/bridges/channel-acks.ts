import type { Channel, Message } from 'amqplib'

/**
 * Settles the deliveries of one channel, acknowledging in batches: single acks are a sixth of
 * RabbitMQ's work per command. Nothing is acknowledged before it finished. Acks wait for the promise
 * jobs already queued (deliveries that arrived together finish together); then one `multiple` ack
 * covers the finished deliveries with all before them settled, and one that finished while an
 * earlier delivery still runs gets an ack of its own, so a slow delivery holds back no other.
 * Every delivery of the channel must be settled here, acked or nacked.
 */
export class ChannelAcks {
  /** Every delivery tag up to this one is settled. Tags count from 1 on each channel. */
  #settledUpTo = 0
  /** Settled tags above #settledUpTo. */
  readonly #settled = new Set<number>()
  /** Acked tags whose ack is not sent yet: all a flush has to look at, however long a slow delivery runs. */
  readonly #unsent = new Set<number>()
  /** The highest tag a `multiple` ack is to cover; 0 when none waits. */
  #ackUpTo = 0
  #scheduled = false

  constructor(readonly channel: Channel) {}

  ack(message: Message): void {
    this.#settle(message.fields.deliveryTag, true)
    if (!this.#scheduled) {
      this.#scheduled = true
      queueMicrotask(() => this.flush())
    }
  }

  /** Sent at once: a nack is rare, and the message may go to another consumer sooner. */
  nack(message: Message, requeue: boolean): void {
    try {
      this.channel.nack(message, false, requeue)
    } catch {
      // The channel closed (a nack can come late, see AmqpBridge.deliver): the broker offers the delivery again.
    }
    this.#settle(message.fields.deliveryTag, false)
  }

  /** Sends the acks that wait; also before the channel closes, so that nothing finished is delivered again. */
  flush(): void {
    this.#scheduled = false
    try {
      if (this.#ackUpTo) this.channel.ack(delivery(this.#ackUpTo), true)
      this.#ackUpTo = 0
      for (const tag of this.#unsent) this.channel.ack(delivery(tag))
      this.#unsent.clear()
    } catch {
      // The channel closed: the broker offers its unacknowledged deliveries again, as it must.
    }
  }

  /** `acked`: an ack, still to be sent; otherwise a nack, sent already. */
  #settle(tag: number, acked: boolean) {
    // In order, the usual case, no set is touched: a set that grows and shrinks by one entry a
    // message reallocates its table each time.
    if (tag !== this.#settledUpTo + 1) {
      this.#settled.add(tag)
      if (acked) this.#unsent.add(tag)
      return
    }
    if (acked) this.#ackUpTo = tag
    this.#settledUpTo = tag
    for (let next = tag + 1; this.#settled.delete(next); next++) {
      if (this.#unsent.delete(next)) this.#ackUpTo = next
      this.#settledUpTo = next
    }
  }
}

const delivery = (deliveryTag: number) => ({ fields: { deliveryTag } }) as Message
