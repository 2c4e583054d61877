import { HandledError, StatusCode } from '../../../runtime/core/errors.ts'
import { describeAddress, type CommandMessage } from '../../../runtime/core/envelope.ts'
import type { Logger } from '../../../runtime/core/logger.ts'

/** Time kept back from Lambda's own timeout to send the 504 and flush what the function holds. */
const ANSWER_MARGIN_MS = 200

/** What the Lambda runtime hands the handler beside the event, as far as purista reads it. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number
  /** Names the invocation in traces (faas.invocation_id). */
  awsRequestId?: string
}

/**
 * How long an HTTP request's command may run: the app's commandTimeoutMs, as on the monolith, and
 * never past the invocation's end, where Lambda would kill the function and API Gateway answer a
 * bare 500 without a word in the log.
 */
export function commandDeadlineMs(commandTimeoutMs: number | undefined, context: InvocationContext | undefined): number {
  const remaining = context ? Math.max(context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS, 0) : Infinity
  return Math.min(commandTimeoutMs ?? Infinity, remaining)
}

/** The command's answer, or past the deadline the monolith's 504 for a command that did not answer, logged with its trace id. */
export function answerWithin<T>(work: Promise<T>, deadlineMs: number, command: CommandMessage, logger: Logger): Promise<T> {
  if (deadlineMs === Infinity) return work
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `${describeAddress(command.receiver)} did not answer within ${deadlineMs} ms`
      logger.warn('command timed out', { traceId: command.traceId, timeoutMs: deadlineMs, detail: message })
      reject(new HandledError(StatusCode.GatewayTimeout, message, undefined, command.traceId))
    }, deadlineMs)
  })
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer))
}
