import { describeAddress, type CommandMessage } from '../core/envelope.ts'
import { HandledError, StatusCode } from '../core/errors.ts'

/** Where a command run in this process settles its caller's promise: resolve with the output, reject with a safe error. */
export interface Settle {
  resolve(output: unknown): void
  reject(error: unknown): void
}

/**
 * A command handler's way to run an in-process call and settle it itself (command-handler.ts's
 * has one): no promise of its own between the command and its caller. A handler without one is
 * awaited as any CommandHandler.
 */
export const SETTLES_LOCALLY = Symbol('purista.settlesLocally')
export type LocalRun = (message: CommandMessage, call: Settle) => unknown

/**
 * One in-process call waiting for its answer. Calls are linked into a list, not kept in a map by
 * their id: adding and removing one hashes nothing and allocates nothing beyond the call itself,
 * which on the in-process path is a measurable share of a call's cost.
 */
class LocalCall implements Settle {
  prev: LocalCall | undefined = undefined
  next: LocalCall | undefined = undefined
  settled = false
  resolveCaller!: (value: unknown) => void
  rejectCaller!: (error: unknown) => void
  /** The caller's promise. */
  answer!: Promise<unknown>
  /** 0 until the first sweep that finds the call waiting sets it (see LocalCalls.expire). */
  deadline = 0

  constructor(
    readonly calls: LocalCalls,
    readonly command: CommandMessage,
    readonly timeoutMs: number,
  ) {}

  resolve(output: unknown): void {
    if (this.settled) return
    this.calls.remove(this)
    this.resolveCaller(output)
  }

  reject(error: unknown): void {
    if (this.settled) return
    this.calls.remove(this)
    this.rejectCaller(error)
  }
}

// The Promise executor is one function for every call, not a closure per call: it hands the
// resolving functions to the call being made, which is the only one at a time (the executor runs
// synchronously inside `new Promise`).
let making: LocalCall
function capture(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  making.resolveCaller = resolve
  making.rejectCaller = reject
}

/** How often waiting calls are checked for their deadline. */
const SWEEP_MS = 25

/**
 * The calls a DefaultEventBridge is running in process. One coarse timer fails those past their
 * deadline with a 504, rather than a timer per call; it runs only while calls are waiting.
 * A call is not timestamped when it starts: reading the clock was a tenth of an in-process call's
 * cost, and most calls settle before any sweep sees them. The first sweep that finds a call waiting
 * gives it its deadline, counted from then, so a call never fails early; it fails at most two
 * sweeps (50 ms) after its timeout instead of one.
 */
export class LocalCalls {
  private head: LocalCall | undefined = undefined
  private tail: LocalCall | undefined = undefined
  private size = 0
  private sweeper?: NodeJS.Timeout

  /** A call, whose answer settles with it, or with a 504 once timeoutMs have passed. */
  start(command: CommandMessage, timeoutMs: number): Settle & { readonly answer: Promise<unknown> } {
    const call = new LocalCall(this, command, timeoutMs)
    making = call
    call.answer = new Promise(capture)
    if (this.tail) {
      this.tail.next = call
      call.prev = this.tail
    } else this.head = call
    this.tail = call
    this.size++
    this.sweeper ??= setInterval(() => this.expire(), SWEEP_MS).unref()
    return call
  }

  remove(call: LocalCall): void {
    call.settled = true
    if (call.prev) call.prev.next = call.next
    else this.head = call.next
    if (call.next) call.next.prev = call.prev
    else this.tail = call.prev
    call.prev = call.next = undefined
    this.size--
  }

  /** Fails every waiting call with what `error` makes of its command. */
  failAll(error: (command: CommandMessage) => unknown): void {
    for (let call = this.head; call; call = this.head) call.reject(error(call.command))
  }

  private expire(): void {
    const now = Date.now()
    for (let call = this.head; call; ) {
      const next = call.next
      if (call.deadline === 0) call.deadline = now + call.timeoutMs
      else if (call.deadline <= now) {
        const { receiver, traceId } = call.command
        call.reject(new HandledError(StatusCode.GatewayTimeout, `${describeAddress(receiver)} did not answer within ${call.timeoutMs} ms`, undefined, traceId))
      }
      call = next
    }
    // Stopped from here, not when the last call settles: sequential calls would start and stop it every time.
    if (this.size === 0) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }
}
