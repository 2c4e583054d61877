import { HandledError, UnhandledError } from '../core/errors.ts'
import { noopTracer, type Tracer } from '../core/tracer.ts'
import { tracing } from './tracing.ts'

/** What context.startActiveSpan and wrapInSpan (user-spans.ts) work with, from the modules every function already has. */
export interface SpanTools {
  tracer: Tracer
  /** The status of an expected failure (a HandledError, not an UnhandledError): the span notes it, without marking itself failed. */
  handledStatus(error: unknown): number | undefined
}

export const spanTools = (): SpanTools => ({
  tracer: tracing?.tracer() ?? noopTracer,
  handledStatus: (error) => (error instanceof HandledError && !(error instanceof UnhandledError) ? error.errorCode : undefined),
})
