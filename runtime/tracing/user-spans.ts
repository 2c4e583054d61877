import type { Span } from '../core/tracer.ts'
import type { SpanTools } from './span-tools.ts'

/*
 * context.startActiveSpan and context.wrapInSpan, PURISTA's helpers for a function's own spans.
 * Both take PURISTA's arguments, or just a name and the function. The span ends when the function
 * settles; without tracing the function runs with a span that records nothing. context.ts loads
 * this module on first use and hands it the tracer and the error test (span-tools.ts): importing
 * nothing itself, it makes esbuild split no module the functions share into a chunk of its own.
 */

type SpanFunction<F> = (span: Span) => Promise<F>
export type ActiveSpanArguments<F> = [fn: SpanFunction<F>] | [options: unknown, context: unknown, fn: SpanFunction<F>]
export type WrapInSpanArguments<F> = [fn: SpanFunction<F>] | [options: unknown, fn: SpanFunction<F>, context?: unknown]

/** OpenTelemetry's SpanStatusCode.ERROR, written out: this module must not load the API. */
const ERROR = 2

async function endedWith<F>(tools: SpanTools, span: Span, fn: SpanFunction<F>): Promise<F> {
  try {
    return await fn(span)
  } catch (error) {
    const status = tools.handledStatus(error)
    if (status !== undefined) span.addEvent('handled error', { 'purista.error.status': status, 'exception.message': (error as Error).message })
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
export function startActiveSpan<F>(tools: SpanTools, name: string, ...args: ActiveSpanArguments<F>): Promise<F> {
  const [options, context, fn] = args.length === 1 ? [{}, undefined, args[0]] : args
  const { tracer } = tools
  return context === undefined ? tracer.startActiveSpan(name, options ?? {}, (span: Span) => endedWith(tools, span, fn)) : tracer.startActiveSpan(name, options ?? {}, context, (span: Span) => endedWith(tools, span, fn))
}

/** Runs fn in a new span, a child of the active one (or of context), without making it active. */
export function wrapInSpan<F>(tools: SpanTools, name: string, ...args: WrapInSpanArguments<F>): Promise<F> {
  const [options, fn, context] = args.length === 1 ? [{}, args[0], undefined] : args
  return endedWith(tools, tools.tracer.startSpan(name, options ?? {}, context), fn)
}
