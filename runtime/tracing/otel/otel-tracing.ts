import { context, createContextKey, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanContext } from '@opentelemetry/api'
import { addressKey } from '../../bridge/types.ts'
import type { Address, CommandMessage, EventMessage } from '../../core/envelope.ts'
import { HandledError, UnhandledError } from '../../core/errors.ts'
import { traceIdFromHeaders } from '../../core/trace.ts'
import type { Tracer } from '../../core/tracer.ts'
import type { FaasInvoke, Tracing } from '../tracing.ts'
import { withRootTraceId } from './request-trace-ids.ts'
import { decodeOtp, encodeOtp, parseTraceparent } from './traceparent.ts'

/*
 * purista's spans, named and attributed after the OpenTelemetry semantic conventions for HTTP,
 * RPC and messaging. A command is an RPC (client span at the caller, server span at the handler);
 * an event is a message (producer span per publish, consumer span per subscription run).
 */

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/** The context a span continues: the remote parent the message or request carries, else the active one. */
const parentOf = (remote: SpanContext | undefined): Context => (remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : context.active())

/**
 * How a span ends on a failure. A HandledError is an answer the function chose (a 404, a failed
 * validation): the span keeps status unset and says so in an event. Anything else is a failure.
 */
function fail(span: Span, error: unknown): void {
  if (error instanceof HandledError && !(error instanceof UnhandledError)) {
    span.addEvent('handled error', { 'purista.error.status': error.errorCode, 'exception.message': error.message })
    return
  }
  span.recordException(error as Error)
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
}

/** The faas.* attributes of the invocation being served, set by invocation() for the span that serves it. */
const INVOCATION = createContextKey('purista faas invocation')
const servedInvocation = (): Attributes | undefined => context.active().getValue(INVOCATION) as Attributes | undefined

/** Runs fn with span active and ends the span with fn's outcome. */
async function inSpan<T>(span: Span, parent: Context, fn: () => Promise<T>, onError = fail): Promise<T> {
  try {
    // The spans under it do not serve the invocation: only the first one carries its faas.* attributes.
    return await context.with(trace.setSpan(parent, span).deleteValue(INVOCATION), fn)
  } catch (error) {
    onError(span, error)
    throw error
  } finally {
    span.end()
  }
}

const rpcAttributes = (address: Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>, messagingSystem: string | undefined): Attributes => ({
  'rpc.system': 'purista',
  'rpc.service': address.serviceName,
  'rpc.method': address.serviceTarget,
  'purista.service.version': address.serviceVersion,
  ...(messagingSystem && { 'messaging.system': messagingSystem, 'messaging.destination.name': addressKey(address) }),
})

const rpcName = (address: Pick<Address, 'serviceName' | 'serviceTarget'>) => `${address.serviceName}/${address.serviceTarget}`

/** An UnhandledError here is already reduced to a bare status: recordFailure marked the span with the real error. */
const failReduced = (span: Span, error: unknown) => {
  if (!(error instanceof UnhandledError)) fail(span, error)
}

/** The client span's attributes of a command another function runs: the call, not a message; a call in this process is neither. */
const invokedAttributes = (command: CommandMessage, invoke: FaasInvoke): Attributes => {
  const name = invoke.nameOf(command.receiver)
  const call = rpcAttributes(command.receiver, undefined)
  return name ? { ...call, 'faas.invoked_provider': invoke.provider, 'faas.invoked_name': name, ...(invoke.region && { 'faas.invoked_region': invoke.region }) } : call
}

export function otelTracing(tracer = trace.getTracer('purista'), flush: () => Promise<void>, shutdown: () => Promise<void>): Tracing {
  let coldStart = true
  return {
    http(request, serve) {
      const remote = parseTraceparent(first(request.headers.traceparent), first(request.headers.tracestate))
      const traceId = traceIdFromHeaders(request.headers)
      const attributes: Attributes = { 'http.request.method': request.method, 'url.path': request.path, ...(request.route && { 'http.route': request.route }), ...servedInvocation() }
      const parent = remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT
      const span = withRootTraceId(traceId, () => tracer.startSpan(request.route ? `${request.method} ${request.route}` : request.method, { kind: SpanKind.SERVER, attributes }, parent))
      const named = {
        route(template: string) {
          span.setAttribute('http.route', template)
          span.updateName(`${request.method} ${template}`)
        },
      }
      return inSpan(span, parent, async () => {
        const result = await serve(traceId, named)
        const status = result.statusCode ?? 200
        span.setAttribute('http.response.status_code', status)
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
        return result
      })
    },

    sender(sender, messagingSystem, faasInvoke) {
      const invoke = (command: CommandMessage, timeoutMs?: number) => {
        const attributes = faasInvoke ? invokedAttributes(command, faasInvoke) : rpcAttributes(command.receiver, messagingSystem)
        const span = tracer.startSpan(rpcName(command.receiver), { kind: SpanKind.CLIENT, attributes: { ...attributes, 'messaging.message.id': command.id } })
        command.otp = encodeOtp(span.spanContext())
        return inSpan(span, context.active(), () => sender.invoke(command, timeoutMs))
      }
      const emit = (event: EventMessage) => {
        const attributes: Attributes = {
          'messaging.operation.type': 'send',
          'messaging.operation.name': 'publish',
          'messaging.destination.name': event.eventName,
          'messaging.message.id': event.id,
          'messaging.message.conversation_id': event.correlationId,
          ...(messagingSystem && { 'messaging.system': messagingSystem }),
        }
        const span = tracer.startSpan(`publish ${event.eventName}`, { kind: SpanKind.PRODUCER, attributes })
        event.otp = encodeOtp(span.spanContext())
        return inSpan(span, context.active(), () => sender.emit(event))
      }
      return { invoke, emit }
    },

    command(run, address, messagingSystem) {
      const attributes = rpcAttributes(address, messagingSystem)
      return (message) => {
        const parent = parentOf(decodeOtp(message.otp))
        const span = withRootTraceId(message.traceId, () => tracer.startSpan(rpcName(address), { kind: SpanKind.SERVER, attributes: { ...attributes, 'messaging.message.id': message.id, ...servedInvocation() } }, parent))
        return inSpan(span, parent, () => run(message), failReduced)
      }
    },

    subscription(run, address, eventName, messagingSystem) {
      const attributes: Attributes = {
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': eventName,
        'messaging.consumer.group.name': addressKey(address),
        ...(messagingSystem && { 'messaging.system': messagingSystem }),
      }
      return (message) => {
        const parent = parentOf(decodeOtp(message.otp))
        const span = withRootTraceId(message.traceId, () =>
          tracer.startSpan(rpcName(address), { kind: SpanKind.CONSUMER, attributes: { ...attributes, 'messaging.message.id': message.id, 'messaging.message.conversation_id': message.correlationId, ...servedInvocation() } }, parent),
        )
        return inSpan(span, parent, () => run(message))
      }
    },

    invocation({ trigger, id }, serve) {
      const attributes: Attributes = { 'faas.trigger': trigger, ...(id && { 'faas.invocation_id': id }), 'faas.coldstart': coldStart }
      coldStart = false
      return context.with(context.active().setValue(INVOCATION, attributes), serve)
    },

    recordFailure(error) {
      const span = trace.getActiveSpan()
      if (!span) return
      span.recordException(error as Error)
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
    },

    tracer: (name, version) => (name ? trace.getTracer(name, version) : tracer) as unknown as Tracer,
    flush,
    shutdown,
  }
}
