import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge'
import type { EventMessage } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { EVENT_BUS_VARIABLE, EVENT_SOURCE } from './names.ts'

/** PutEvents takes at most 10 entries per call, each at most 256 KB. */
export const MAX_BATCH = 10
export const MAX_ENTRY_BYTES = 256 * 1024
const MAX_ATTEMPTS = 4

interface Pending {
  entry: PutEventsRequestEntry
  resolve(): void
  reject(error: Error): void
}

/** The size AWS counts for an entry: source, detail type, detail and resources, in UTF-8 bytes. */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) if (text) size += Buffer.byteLength(text)
  return size
}

export interface PublisherOptions {
  busName?: string
  client?: EventBridgeClient
  /** Waits between retries of failed entries; a test passes 0. */
  backoffMs?: number
}

/**
 * Publishes events to the app's bus. Events emitted in the same tick go out together, ten per
 * PutEvents call; entries AWS reports as failed are sent again; an event that still fails, or is
 * too large, rejects its emit(): no event is dropped silently.
 */
export class EventPublisher {
  // #private: true privacy, and esbuild shortens the names (this class ships in Lambda bundles).
  readonly #busName: string
  readonly #client: EventBridgeClient
  readonly #backoffMs: number
  #queue: Pending[] = []
  readonly #inFlight = new Set<Promise<void>>()

  constructor(options: PublisherOptions = {}) {
    const busName = options.busName ?? process.env[EVENT_BUS_VARIABLE]
    if (!busName) throw new Error(`no event bus to publish to: set ${EVENT_BUS_VARIABLE} (the CDK stack does)`)
    this.#busName = busName
    this.#client = options.client ?? new EventBridgeClient({})
    this.#backoffMs = options.backoffMs ?? 100
  }

  publish(event: EventMessage): Promise<void> {
    const entry: PutEventsRequestEntry = { EventBusName: this.#busName, Source: EVENT_SOURCE, DetailType: event.eventName, Detail: JSON.stringify(event) }
    const size = entrySize(entry)
    if (size > MAX_ENTRY_BYTES) {
      return Promise.reject(new UnhandledError(StatusCode.InternalServerError, `event "${event.eventName}" is ${size} bytes; EventBridge takes at most ${MAX_ENTRY_BYTES} bytes per event: send a reference (an id, an S3 key) instead of the data`))
    }
    return new Promise((resolve, reject) => {
      if (this.#queue.length === 0) queueMicrotask(() => this.#flush())
      this.#queue.push({ entry, resolve, reject })
    })
  }

  /** Resolves once everything published so far was accepted or rejected: a Lambda must not freeze with calls open. */
  async settled(): Promise<void> {
    while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight])
  }

  #flush() {
    const queued = this.#queue
    this.#queue = []
    for (let i = 0; i < queued.length; i += MAX_BATCH) {
      const sending = this.#send(queued.slice(i, i + MAX_BATCH))
      this.#inFlight.add(sending)
      void sending.finally(() => this.#inFlight.delete(sending))
    }
  }

  async #send(batch: Pending[]): Promise<void> {
    let remaining = batch
    let lastErrors = ''
    for (let attempt = 1; remaining.length && attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, this.#backoffMs * 2 ** (attempt - 2)))
      try {
        const result = await this.#client.send(new PutEventsCommand({ Entries: remaining.map((p) => p.entry) }))
        // Results are positional: an entry with an ErrorCode failed, the others were accepted.
        const failed: Pending[] = []
        remaining.forEach((pending, i) => {
          const outcome = result.Entries?.[i]
          if (outcome?.ErrorCode) {
            failed.push(pending)
            lastErrors = `${outcome.ErrorCode}: ${outcome.ErrorMessage ?? ''}`
          } else pending.resolve()
        })
        remaining = failed
      } catch (error) {
        lastErrors = (error as Error).message
      }
    }
    for (const pending of remaining) {
      pending.reject(new UnhandledError(StatusCode.ServiceUnavailable, `EventBridge did not take event "${pending.entry.DetailType}" after ${MAX_ATTEMPTS} attempts (${lastErrors})`))
    }
  }
}
