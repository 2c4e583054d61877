import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base'

/*
 * purista's trace id (the envelope's, the logs', x-trace-id) is the OpenTelemetry trace id. A span
 * that continues a parent inherits it; a root span would get a random one from the SDK, so the id
 * the request or message already carries is handed to the id generator for the one synchronous
 * startSpan call that opens the root.
 */

const W3C_TRACE_ID = /^(?!0{32})[\da-f]{32}$/
let handedOver: string | undefined

/** Runs start (a startSpan call) so that a root span it opens gets traceId, when that is a W3C trace id. */
export function withRootTraceId<T>(traceId: string | undefined, start: () => T): T {
  handedOver = traceId && W3C_TRACE_ID.test(traceId) ? traceId : undefined
  try {
    return start()
  } finally {
    handedOver = undefined
  }
}

export class RequestTraceIds implements IdGenerator {
  readonly #random = new RandomIdGenerator()

  generateTraceId(): string {
    return handedOver ?? this.#random.generateTraceId()
  }

  generateSpanId(): string {
    return this.#random.generateSpanId()
  }
}
