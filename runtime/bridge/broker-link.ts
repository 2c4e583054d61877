import { HandledError, StatusCode } from '../core/errors.ts'

/**
 * A bridge's broker is away. Retry-After is one second: the bridges try to reconnect every few
 * hundred milliseconds, so a retry soon after is cheap and finds the broker as early as possible.
 */
export class BrokerUnavailable extends HandledError {
  readonly retryAfterSeconds = 1

  constructor(traceId?: string) {
    super(StatusCode.ServiceUnavailable, 'broker unavailable', undefined, traceId)
  }
}

export interface BrokerLinkOptions {
  /**
   * How long anything waits for a broker that went away: a call that was waiting for its answer,
   * an event emitted meanwhile. Default: $PURISTA_OUTAGE_BUDGET_MS, else 5 s.
   */
  outageBudgetMs?: number
  /** How many events emitted while the broker is away wait for it; one more fails its emit at once. Default: 1000. */
  maxHeldEvents?: number
}

interface Held {
  release: () => void
  refuse: () => void
}

/**
 * Whether a bridge's connection to its broker is up, as the bridge's client library reports it,
 * and the events held until it is up again. While it is up, asking costs one boolean check.
 */
export class BrokerLink {
  connected = false
  /** How often the broker went away: a send that fails after this changed failed because of the outage. */
  outages = 0
  readonly outageBudgetMs: number
  private readonly maxHeldEvents: number
  private readonly held = new Set<Held>()

  constructor(options: BrokerLinkOptions = {}) {
    this.outageBudgetMs = options.outageBudgetMs ?? (Number(process.env.PURISTA_OUTAGE_BUDGET_MS) || 5_000)
    this.maxHeldEvents = options.maxHeldEvents ?? 1_000
  }

  up(): void {
    this.connected = true
    for (const held of this.held) held.release()
  }

  down(): void {
    this.connected = false
    this.outages++
  }

  /**
   * Resolves once the broker is back, for an event to be sent then. Rejects with 503 if it stays
   * away for the outage budget, or at once when too many events wait: the emitting command then
   * fails, rather than an event living only in this process's memory.
   */
  reconnected(traceId?: string): Promise<void> {
    if (this.connected) return Promise.resolve()
    if (this.held.size >= this.maxHeldEvents) return Promise.reject(new BrokerUnavailable(traceId))
    return new Promise((resolve, reject) => {
      const held: Held = {
        release: () => (clearTimeout(timer), this.held.delete(held), resolve()),
        refuse: () => (clearTimeout(timer), this.held.delete(held), reject(new BrokerUnavailable(traceId))),
      }
      const timer = setTimeout(held.refuse, this.outageBudgetMs)
      this.held.add(held)
    })
  }

  /** On shutdown: nothing is sent any more, so nothing waits for it. */
  close(): void {
    this.connected = false
    for (const held of this.held) held.refuse()
  }
}

/** What a call waiting for its answer fails with when the broker went away (for PendingCalls). */
export const brokerUnavailable = (command: { traceId: string }) => new BrokerUnavailable(command.traceId)
