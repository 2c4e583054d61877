/**
 * The shape of OpenTelemetry's Tracer and Span, as `this.getTracer()` returns them, and the tracer
 * that does nothing when tracing is off (see runtime/tracing): code that opens spans keeps running
 * (its callbacks run, their results are returned) and records nothing, with no SDK loaded.
 */
export interface Span {
  spanContext(): { traceId: string; spanId: string; traceFlags: number }
  setAttribute(key: string, value: unknown): this
  setAttributes(attributes: Record<string, unknown>): this
  addEvent(name: string, attributes?: unknown, time?: unknown): this
  setStatus(status: { code: number; message?: string }): this
  updateName(name: string): this
  end(endTime?: unknown): void
  isRecording(): boolean
  recordException(exception: unknown, time?: unknown): void
}

export interface Tracer {
  startSpan(name: string, options?: unknown, context?: unknown): Span
  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: unknown, fn: F): ReturnType<F>
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: unknown, context: unknown, fn: F): ReturnType<F>
}

/** OpenTelemetry's "invalid" span context: what its API returns when no tracing is set up. */
const NO_CONTEXT = Object.freeze({ traceId: '00000000000000000000000000000000', spanId: '0000000000000000', traceFlags: 0 })

const span: Span = {
  spanContext: () => NO_CONTEXT,
  setAttribute: () => span,
  setAttributes: () => span,
  addEvent: () => span,
  setStatus: () => span,
  updateName: () => span,
  end: () => {},
  isRecording: () => false,
  recordException: () => {},
}

/** One tracer for everyone: it has no state. */
export const noopTracer: Tracer = {
  startSpan: () => span,
  // The callback is always the last argument, whichever of the three forms is used.
  startActiveSpan: (...args: unknown[]) => (args[args.length - 1] as (span: Span) => any)(span),
}
