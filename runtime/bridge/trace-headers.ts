/*
 * A traced message's span context as the broker's own headers carry it (W3C traceparent and
 * tracestate in NATS and AMQP headers, MQTT 5 user properties), for the tools that watch a broker
 * without reading purista's envelope. The envelope's otp stays what purista continues a trace from:
 * these are written from it and never read back. A message without one (tracing off) gets none.
 */

export interface TraceHeaders {
  traceparent: string
  tracestate?: string
}

/** The headers of a message's otp; undefined when it carries none, or none that can be read. */
export function traceHeaders(message: { otp?: string }): TraceHeaders | undefined {
  if (!message.otp) return undefined
  try {
    const { traceparent, tracestate } = JSON.parse(message.otp) as { traceparent?: unknown; tracestate?: unknown }
    if (typeof traceparent !== 'string') return undefined
    return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent }
  } catch {
    return undefined
  }
}
