import type { HttpRequest, HttpResponseInit } from '@azure/functions'
import { tracing } from '../../../runtime/tracing/tracing.ts'
import { useTracingGlue, type TracingGlue } from './function.ts'

/*
 * What tracing adds to an Azure function, imported only by the entries of a build that traces
 * (purista.config.ts telemetry.tracing), before the function's module: an untraced build's
 * functions carry none of it. Each part still asks `tracing`, which is set only where an OTLP
 * endpoint is configured.
 */
const glue: TracingGlue = {
  // Events go by Service Bus, calls to other apps by HTTP: the envelope carries the span context on both.
  sender: (bridge, invoker) => (tracing ? tracing.sender(bridge, 'servicebus', invoker && { provider: 'azure', nameOf: (receiver) => invoker.appOf(receiver) ?? undefined }) : bridge),

  /**
   * Each invocation traced as one (faas.trigger, faas.invocation_id) and its spans exported before it
   * returns. The export cannot wait for the next batch: a Consumption or Flex Consumption worker may
   * be frozen or scaled away first.
   */
  serve(trigger, handler) {
    const traced = tracing
    if (!traced) return handler
    return async (input, context) => {
      try {
        return await traced.invocation({ trigger, id: context.invocationId }, () => handler(input, context))
      } finally {
        await traced.flush()
      }
    }
  },

  /** An HTTP server span around the answer, named after the registered route. */
  http(request: HttpRequest, path: string, headers: Record<string, string>, template: string, answer: (traceId: string) => Promise<HttpResponseInit>) {
    if (!tracing) return undefined
    // The span reads the answer's status as statusCode; Azure's answer calls it status.
    return tracing
      .http({ method: request.method, path, headers, route: template }, async (traceId) => {
        const response = await answer(traceId)
        return { statusCode: response.status, response }
      })
      .then(({ response }) => response)
  },
}

useTracingGlue(glue)
