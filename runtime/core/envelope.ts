import { randomBytes, randomFillSync } from 'node:crypto'
import type { ErrorPayload } from './errors.ts'

/** Where a message comes from or goes to. serviceTarget is the command or subscription name. */
export interface Address {
  serviceName: string
  serviceVersion: string
  serviceTarget: string
  instanceId?: string
}

export type MessageType = 'command' | 'commandSuccessResponse' | 'commandErrorResponse' | 'customMessage'

interface EnvelopeBase {
  id: string
  timestamp: number
  contentType: string
  contentEncoding: string
  traceId: string
  correlationId: string
  principalId?: string
  tenantId?: string
  sender: Address
  /**
   * The OpenTelemetry span context of the span that sent the message, as PURISTA writes it: the JSON
   * of its W3C headers, {"traceparent":"00-…"}. Only a process that traces sets it.
   */
  otp?: string
}

export interface CommandMessage extends EnvelopeBase {
  messageType: 'command'
  receiver: Address
  payload: { payload: unknown; parameter: unknown }
}

/**
 * A command's answer goes back to its caller alone, who holds the command: it carries what the caller
 * does not know (its own id and time, the outcome) and the ids to match and trace it by. Addresses,
 * principal, tenant and content type are the command's; repeating them made an answer 2.4 times as
 * long, and both sides paid for it in JSON work on every round trip over a broker.
 */
interface ResponseBase {
  id: string
  timestamp: number
  traceId: string
  correlationId: string
}

export interface CommandSuccessResponse extends ResponseBase {
  messageType: 'commandSuccessResponse'
  payload: unknown
}

export interface CommandErrorResponse extends ResponseBase {
  messageType: 'commandErrorResponse'
  payload: ErrorPayload
}

/** An event: a success event of a command, a canEmit event or a subscription output. */
export interface EventMessage extends EnvelopeBase {
  messageType: 'customMessage' | 'commandSuccessResponse'
  eventName: string
  receiver?: Address
  payload: unknown
}

export type CommandResponse = CommandSuccessResponse | CommandErrorResponse

/** An address as messages and errors name it: `User v1 getUser`. */
export const describeAddress = (a: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>) => `${a.serviceName} v${a.serviceVersion} ${a.serviceTarget}`
export type Message = CommandMessage | CommandResponse | EventMessage

/** The fields of a call that travel with everything the call causes. */
export interface CallContext {
  traceId: string
  principalId?: string
  tenantId?: string
}

/**
 * Message ids must be unique, not secret: a random per-process prefix and a counter are, and cost a
 * fraction of a UUID on the per-call path. Trace ids, which clients see, stay fully random.
 * The counter is written in base 36 as its head, rewritten every 1,296 ids, and its last two digits
 * from a table: Number#toString(36) is a call into V8's runtime, which on every call cost about a
 * tenth of an in-process command. The ids are the same strings as the counter's toString(36).
 */
const ID_PREFIX = randomBytes(9).toString('base64url') + '-'
const DIGITS = Array.from({ length: 36 * 36 }, (_, i) => i.toString(36))
const TWO_DIGITS = DIGITS.map((d) => d.padStart(2, '0'))
let idHead = 0
let headText = ID_PREFIX
// Below 1,296 the counter has no head, and its digits no leading zero.
let tails = DIGITS
let idTail = 0
export const newId = (): string => {
  if (idTail === tails.length) {
    headText = ID_PREFIX + (++idHead).toString(36)
    tails = TWO_DIGITS
    idTail = 0
  }
  return headText + tails[idTail++]!
}

/** PURISTA's helper for an instance id (of a bridge or service): unique like every message id. */
export const getNewInstanceId = newId

/**
 * W3C trace ids are 32 lowercase hex characters: 16 random bytes from a pool refilled 256 ids at a
 * time, hex-encoded in one call. randomUUID() and stripping its dashes built the string from some
 * twenty pieces and then copied it: about 3% of the instructions a monolith spends on a request.
 */
const tracePool = Buffer.alloc(16 * 256)
let traceOffset = tracePool.length
export function newTraceId(): string {
  if (traceOffset === tracePool.length) {
    randomFillSync(tracePool)
    traceOffset = 0
  }
  const start = traceOffset
  traceOffset += 16
  return tracePool.toString('hex', start, traceOffset)
}
