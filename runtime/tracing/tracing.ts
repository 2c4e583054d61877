import type { EventBridge } from '../bridge/types.ts'
import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import type { Tracer } from '../core/tracer.ts'

/*
 * The one thing purista's own code knows of tracing. It imports nothing of OpenTelemetry: a bundle
 * built without purista.config.ts `telemetry: { tracing: true }` never loads the SDK, and every
 * traced place costs it one check of `tracing`, made when a handler or a bridge is put together,
 * not per call. An entry built with tracing starts it (start-tracing.ts) before anything else runs.
 */

/** What a caller sends through: a bridge, or a Lambda's or a Function App's stand-in for one. */
export type Sender = Pick<EventBridge, 'invoke' | 'emit'>

/** The HTTP request a server span is opened for. */
export interface TracedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  /** The route template when it is known up front (API Gateway's routeKey). */
  route?: string
}

/** A FaaS invocation (a Lambda's, an Azure Function's), as the span that serves it describes it. */
export interface FaasInvocation {
  /** faas.trigger: http (API Gateway, an HTTP trigger), pubsub (EventBridge, Service Bus), other (a Lambda Invoke). */
  trigger: 'http' | 'pubsub' | 'other'
  /** faas.invocation_id: Lambda's request id, Azure's invocation id. */
  id?: string
}

/** How a function calls another function's command where no broker carries it (Lambda Invoke, another Function App's HTTP trigger). */
export interface FaasInvoke {
  provider: 'aws' | 'azure'
  /** faas.invoked_name: the function (Function App) that runs the command; undefined when it runs in this process. */
  nameOf(receiver: Address): string | undefined
  region?: string
}

export interface HttpSpan {
  /** Names the span after the matched route template, e.g. POST /api/v1/users/:userId. */
  route(template: string): void
}

export interface Tracing {
  /** An HTTP server span around serve; serve gets the request's trace id, which is the span's. */
  http<T extends { statusCode?: number }>(request: TracedRequest, serve: (traceId: string, span: HttpSpan) => Promise<T>): Promise<T>
  /**
   * A client span per command sent, a producer span per event, each carried on in the envelope.
   * With invoke, commands are calls of other functions, not messages on the messaging system.
   */
  sender(sender: Sender, messagingSystem: string | undefined, invoke?: FaasInvoke): Sender
  /** A server span per command run, continued from the span context its envelope carries. */
  command(run: (message: CommandMessage) => Promise<unknown>, address: Address, messagingSystem: string | undefined): (message: CommandMessage) => Promise<unknown>
  /** A consumer span per subscription run, continued from the producer's span context. */
  subscription(run: (message: EventMessage) => Promise<void>, address: Address, eventName: string, messagingSystem: string | undefined): (message: EventMessage) => Promise<void>
  /** Runs serve as one FaaS invocation: the span that serves it gets faas.trigger, faas.invocation_id and faas.coldstart. */
  invocation<T>(invocation: FaasInvocation, serve: () => Promise<T>): Promise<T>
  /** Marks the active span failed with the error itself, before it is reduced to a bare status. */
  recordFailure(error: unknown): void
  /** `this.getTracer()` and what context.startActiveSpan / wrapInSpan open their spans with. */
  tracer(name?: string, version?: string): Tracer
  /** Exports the spans that ended: a Lambda or an Azure Function is frozen once its handler returns. */
  flush(): Promise<void>
  /** Flushes and stops exporting: the last thing a process does. */
  shutdown(): Promise<void>
}

/** Set by start-tracing.ts when the entry was built with tracing and an OTLP endpoint is configured. */
export let tracing: Tracing | undefined

export function useTracing(value: Tracing | undefined): void {
  tracing = value
}

/** `messaging.system` of the semantic conventions, by the bridge's name. */
const MESSAGING_SYSTEMS: Record<string, string> = { NatsBridge: 'nats', AmqpBridge: 'rabbitmq', MqttBridge: 'mqtt' }
export const messagingSystemOf = (bridge: Pick<EventBridge, 'name'>): string | undefined => MESSAGING_SYSTEMS[bridge.name]
