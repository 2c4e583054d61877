import { context, propagation, trace, type Attributes } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { useTracing } from '../tracing.ts'
import { AsyncLocalContextManager } from './async-context.ts'
import { otelTracing } from './otel-tracing.ts'
import { RequestTraceIds } from './request-trace-ids.ts'
import { w3cPropagator } from './traceparent.ts'

/** What the build knows of the process: its name in traces unless OTEL_SERVICE_NAME says otherwise. */
export interface TracedProcess {
  serviceName: string
  serviceVersion?: string
}

type Env = Record<string, string | undefined>

/**
 * Whether the environment asks for traces: an OTLP endpoint is set and the SDK is not switched off.
 * Without an endpoint nothing is set up, so nothing is exported and no export can fail.
 */
export function tracingWanted(env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT)
}

/** Where the process runs, as resource attributes: the Lambda runtime and Azure Functions set these variables. */
function platformAttributes(env: Env): Attributes {
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    return {
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_lambda',
      ...(env.AWS_REGION && { 'cloud.region': env.AWS_REGION }),
      'faas.name': env.AWS_LAMBDA_FUNCTION_NAME,
      ...(env.AWS_LAMBDA_FUNCTION_VERSION && { 'faas.version': env.AWS_LAMBDA_FUNCTION_VERSION }),
      ...(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE && { 'faas.max_memory': Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) * 1024 * 1024 }),
    }
  }
  if (env.FUNCTIONS_WORKER_RUNTIME) return { 'cloud.provider': 'azure', 'cloud.platform': 'azure_functions', ...(env.WEBSITE_SITE_NAME && { 'faas.name': env.WEBSITE_SITE_NAME }) }
  return {}
}

/**
 * Sets up the OpenTelemetry SDK from the standard OTEL_* variables (endpoint, headers, sampler,
 * batch settings, resource attributes) with the OTLP/HTTP exporter, and switches purista's spans
 * on. Only entries built with `telemetry: { tracing: true }` import this module.
 */
export function startTracing(process_: TracedProcess, env: Env = process.env): void {
  if (!tracingWanted(env)) return
  const ours = resourceFromAttributes({
    'service.name': process_.serviceName,
    ...(process_.serviceVersion && { 'service.version': process_.serviceVersion }),
    ...platformAttributes(env),
  })
  // Later wins: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES over what the build knows.
  const resource = defaultResource().merge(ours).merge(detectResources({ detectors: [envDetector] }))
  const provider = new BasicTracerProvider({ resource, idGenerator: new RequestTraceIds(), spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] })
  trace.setGlobalTracerProvider(provider)
  context.setGlobalContextManager(new AsyncLocalContextManager())
  propagation.setGlobalPropagator(w3cPropagator)
  useTracing(otelTracing(trace.getTracer('purista'), () => provider.forceFlush(), () => provider.shutdown()))
}
