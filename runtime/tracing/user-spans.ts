import { HandledError, UnhandledError } from '../core/errors.ts'
import { noopTracer, type Span } from '../core/tracer.ts'
import { tracing } from './tracing.ts'

/*
 * context.startActiveSpan and context.wrapInSpan, PURISTA's helpers for a function's own spans.
 * Both take PURISTA's arguments, or just a name and the function. The span ends when the function
 * settles; without tracing the function runs with a span that records nothing.
 */

type SpanFunction<F> = (span: Span) => Promise<F>
export type ActiveSpanArguments<F> = [fn: SpanFunction<F>] | [options: unknown, context: unknown, fn: SpanFunction<F>]
export type WrapInSpanArguments<F> = [fn: SpanFunction<F>] | [options: unknown, fn: SpanFunction<F>, context?: unknown]

/** OpenTelemetry's SpanStatusCode.ERROR, written out: this module must not load the API. */
const ERROR = 2

async function endedWith<F>(span: Span, fn: SpanFunction<F>): Promise<F> {
  try {
    return await fn(span)
  } catch (error) {
    if (error instanceof HandledError && !(error instanceof UnhandledError)) span.addEvent('handled error', { 'purista.error.status': error.errorCode, 'exception.message': error.message })
    else {
      span.recordException(error)
      span.setStatus({ code: ERROR, message: error instanceof Error ? error.message : String(error) })
    }
    throw error
  } finally {
    span.end()
  }
}

/** Runs fn in a new span that is the active one inside it: spans opened in fn are its children. */
export function startActiveSpan<F>(name: string, ...args: ActiveSpanArguments<F>): Promise<F> {
  const [options, context, fn] = args.length === 1 ? [{}, undefined, args[0]] : args
  const tracer = tracing?.tracer() ?? noopTracer
  return context === undefined ? tracer.startActiveSpan(name, options ?? {}, (span: Span) => endedWith(span, fn)) : tracer.startActiveSpan(name, options ?? {}, context, (span: Span) => endedWith(span, fn))
}

/** Runs fn in a new span, a child of the active one (or of context), without making it active. */
export function wrapInSpan<F>(name: string, ...args: WrapInSpanArguments<F>): Promise<F> {
  const [options, fn, context] = args.length === 1 ? [{}, args[0], undefined] : args
  const span = (tracing?.tracer() ?? noopTracer).startSpan(name, options ?? {}, context)
  return endedWith(span, fn)
}
