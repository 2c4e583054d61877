import { describeAddress, type CommandMessage } from '../core/envelope.ts'
import { HandledError, StatusCode } from '../core/errors.ts'

interface Call {
  deadline: number
  timeoutMs: number
  command: CommandMessage
  /** What the call fails with at its deadline, when that is not its own timeout (see failWithin). */
  expired?: (command: CommandMessage) => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Commands waiting for their answer, by a key the bridge chooses (a correlation id, a reply token).
 * One coarse timer expires them all, rather than a timer per call: the call path stays cheap.
 */
export class PendingCalls {
  private readonly calls = new Map<string, Call>()
  private sweeper?: NodeJS.Timeout

  /** Settles with the answer, an error, or a 504 once timeoutMs have passed. */
  wait(key: string, command: CommandMessage, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.calls.set(key, { deadline: Date.now() + timeoutMs, timeoutMs, command, expired: undefined, resolve, reject })
      this.sweeper ??= setInterval(() => this.expire(), 25).unref()
    })
  }

  /** The command a key waits for, while it waits. */
  command(key: string): CommandMessage | undefined {
    return this.calls.get(key)?.command
  }

  /** Settles a call with its output. Late answers are dropped. */
  resolve(key: string, output: unknown): void {
    this.take(key)?.resolve(output)
  }

  /** Settles a call with what `read` returns, or with what it throws (a wire answer to decode). */
  answer(key: string, read: () => unknown): void {
    const call = this.take(key)
    if (!call) return
    try {
      call.resolve(read())
    } catch (error) {
      call.reject(error)
    }
  }

  fail(key: string, error: (command: CommandMessage) => unknown): void {
    const call = this.take(key)
    call?.reject(error(call.command))
  }

  failAll(error: (command: CommandMessage) => unknown): void {
    for (const key of [...this.calls.keys()]) this.fail(key, error)
  }

  /**
   * The broker went away: every call still waiting gets at most `ms` more for its answer (which can
   * still come once the broker is back), then fails with `error` instead of waiting out its timeout.
   */
  failWithin(ms: number, error: (command: CommandMessage) => unknown): void {
    const deadline = Date.now() + ms
    for (const call of this.calls.values()) shorten(call, deadline, error)
  }

  /** One call gets at most `ms` for its answer, then fails with `error` (see failWithin). */
  limit(key: string, ms: number, error: (command: CommandMessage) => unknown): void {
    const call = this.calls.get(key)
    if (call) shorten(call, Date.now() + ms, error)
  }

  private take(key: string): Call | undefined {
    const call = this.calls.get(key)
    if (!call) return undefined
    this.calls.delete(key)
    return call
  }

  private expire() {
    const now = Date.now()
    for (const [key, call] of this.calls) {
      if (call.deadline > now) continue
      this.fail(key, call.expired ?? (({ receiver, traceId }) => new HandledError(StatusCode.GatewayTimeout, `${describeAddress(receiver)} did not answer within ${call.timeoutMs} ms`, undefined, traceId)))
    }
    // Stopped from here, not when the last call settles: sequential calls would start and stop it every time.
    if (this.calls.size === 0) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }
}

function shorten(call: Call, deadline: number, error: (command: CommandMessage) => unknown) {
  if (call.deadline <= deadline) return
  call.deadline = deadline
  call.expired = error
}

/** The errors bridges fail waiting calls with. */
export const unavailable = (reason: string) => (command: CommandMessage) => new HandledError(StatusCode.ServiceUnavailable, reason, undefined, command.traceId)
export const nobodyListens = (command: CommandMessage) =>
  new HandledError(StatusCode.ServiceUnavailable, `no instance of ${describeAddress(command.receiver)} is running`, undefined, command.traceId)
