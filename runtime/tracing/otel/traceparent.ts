import { createTraceState, isSpanContextValid, trace, type Context, type SpanContext, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api'

/*
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): `traceparent` and `tracestate`, over
 * HTTP and inside the envelope's `otp` field. Written out here rather than taken from
 * @opentelemetry/core, which purista would otherwise have to ask users to install as well.
 */

const TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/

export function parseTraceparent(traceparent: string | undefined, tracestate?: string): SpanContext | undefined {
  const match = traceparent && TRACEPARENT.exec(traceparent.trim())
  if (!match) return undefined
  const spanContext: SpanContext = { traceId: match[1]!, spanId: match[2]!, traceFlags: parseInt(match[3]!, 16) & 1, isRemote: true }
  if (tracestate) spanContext.traceState = createTraceState(tracestate)
  return isSpanContextValid(spanContext) ? spanContext : undefined
}

export const formatTraceparent = ({ traceId, spanId, traceFlags }: SpanContext): string => `00-${traceId}-${spanId}-0${traceFlags & 1}`

/** The envelope's `otp` as PURISTA writes it: the JSON of the propagation headers. */
export function encodeOtp(spanContext: SpanContext): string {
  const tracestate = spanContext.traceState?.serialize()
  return JSON.stringify(tracestate ? { traceparent: formatTraceparent(spanContext), tracestate } : { traceparent: formatTraceparent(spanContext) })
}

/** The span context of an envelope's `otp`; undefined when there is none or it is not readable. */
export function decodeOtp(otp: string | undefined): SpanContext | undefined {
  if (!otp) return undefined
  try {
    const headers = JSON.parse(otp) as { traceparent?: string; tracestate?: string }
    return parseTraceparent(headers.traceparent, headers.tracestate)
  } catch {
    return undefined
  }
}

/** The global propagator, so libraries that inject or extract through the API speak W3C too. */
export const w3cPropagator: TextMapPropagator = {
  inject(context: Context, carrier: unknown, setter: TextMapSetter) {
    const spanContext = trace.getSpanContext(context)
    if (!spanContext || !isSpanContextValid(spanContext)) return
    setter.set(carrier, 'traceparent', formatTraceparent(spanContext))
    const tracestate = spanContext.traceState?.serialize()
    if (tracestate) setter.set(carrier, 'tracestate', tracestate)
  },
  extract(context: Context, carrier: unknown, getter: TextMapGetter) {
    const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)
    const spanContext = parseTraceparent(first(getter.get(carrier, 'traceparent')), first(getter.get(carrier, 'tracestate')))
    return spanContext ? trace.setSpanContext(context, spanContext) : context
  },
  fields: () => ['traceparent', 'tracestate'],
}
