import { appLogger } from '../../../runtime/app/app-options.ts'
import type { FunctionOptions } from './function-options.ts'
import type { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'
import type { ResourceMap, ServiceInfo } from '../../../runtime/builders/types.ts'
import type { Address } from '../../../runtime/core/envelope.ts'
import type { RouteGuard } from './guarded-route.ts'
import type { ContextDeps } from '../../../runtime/service/context.ts'
import type { ConfigStore, SecretStore, StateStore } from '../../../runtime/stores/types.ts'
import type { FaasInvocation, Sender } from '../../../runtime/tracing/tracing.ts'
import type { HttpRequest, HttpResponseInit } from '@azure/functions'
import type { AzureInvoker } from './invoker.ts'
import type { EventPublisher } from './publisher.ts'
import type { answerEnvelopes } from './envelope-answers.ts'
import type { hookedCommand } from '../../../runtime/service/command-hooks.ts'
import type { hookedSubscription } from '../../../runtime/service/subscription-hooks.ts'
import type { eventMatcher } from '../../../runtime/service/subscription-filter.ts'
import type { HooksMapper } from '../../../runtime/service/function-this.ts'
import { functionBridge } from '../../shared/runtime/function-bridge.ts'

export type { FunctionOptions } from './function-options.ts'

// Shared with lambda, not imported from its function.ts: that would bring Lambda's glue into every Azure function.
export { definitionOf, type Exported } from '../../shared/runtime/definition-of.ts'

/** What a generated function module brings: only the Azure clients its function needs. */
export interface FunctionParts {
  /** Present only in functions that emit events. */
  publisher?: EventPublisher
  /** Present only in functions that declared canInvoke targets. */
  invoker?: AzureInvoker
  /** In commands some function invokes (in process or from another app): answering their envelopes. */
  answerEnvelopes?: typeof answerEnvelopes
  /** The app's auth guard (purista.config.ts http.authGuard) as a route runs it (guarded-route.ts), in functions of protected endpoints only. */
  authenticate?: RouteGuard
  /**
   * Table storage behind the state limits (state-limits.ts) where the function's code uses context.states,
   * else a stand-in that fails clearly (no-state-store.ts) and needs no limits.
   */
  stateStore: (service: ServiceInfo) => StateStore
  /** What runs guard and transform hooks, of the function's kind: only in functions whose definition sets them. */
  hookedCommand?: typeof hookedCommand
  hookedSubscription?: typeof hookedSubscription
  /** What binds the hooks' functions to the service (hook-functions.ts), beside the hook runner. */
  mapHooks?: HooksMapper
  /** What matches a subscription's filters (filterPrincipalId, filterSentFrom …): only in functions whose definition sets them. */
  eventMatcher?: typeof eventMatcher
  /** The stores purista.config.ts chose, so a function carries only their code. */
  configStore: ConfigStore
  secretStore: SecretStore
  /** What the service declared with defineResource, made once per worker by the generated modules. */
  resources?: ResourceMap
}

/**
 * Everything that can be done once per worker is done here, when the function's module loads: the
 * logger, the stores, the Service Bus sender. A function runs its one definition directly; routing
 * between functions is Azure's job (HTTP routes, topic subscriptions), so there is no bridge.
 */
export function setUp(builder: ServiceBuilderBase, serviceTarget: string, options: FunctionOptions, parts: FunctionParts) {
  const { info } = builder
  const address: Address = { serviceName: info.serviceName, serviceVersion: info.serviceVersion, serviceTarget }
  const logger = appLogger(options).child({ service: info.serviceName, serviceVersion: info.serviceVersion })
  const { publisher, invoker } = parts
  const bridge = functionBridge(publisher, invoker)
  const deps: ContextDeps = {
    bridge: glue ? glue.sender(bridge, invoker) : bridge,
    messagingSystem: 'servicebus',
    logger,
    states: parts.stateStore(info),
    configs: parts.configStore,
    secrets: parts.secretStore,
    commandTimeoutMs: options.commandTimeoutMs,
    serviceProxy: invoker?.serviceProxy,
    resources: parts.resources,
  }
  logger.info('function started', { target: serviceTarget })
  return { address, deps, logger }
}

/** What the Functions host hands every handler beside its trigger's input, as far as purista reads it. */
interface InvocationContext {
  invocationId: string
}

/** What tracing adds to the functions, put in place by traced.ts: only a traced build's entries import it. */
export interface TracingGlue {
  sender(bridge: Sender, invoker: AzureInvoker | undefined): Sender
  serve<I, C extends InvocationContext, R>(trigger: FaasInvocation['trigger'], handler: (input: I, context: C) => Promise<R>): (input: I, context: C) => Promise<R>
  /** The answer inside an HTTP server span; undefined when no tracing runs. */
  http(request: HttpRequest, path: string, headers: Record<string, string>, template: string, answer: (traceId: string) => Promise<HttpResponseInit>): Promise<HttpResponseInit> | undefined
}

let glue: TracingGlue | undefined
export const useTracingGlue = (traced: TracingGlue): void => void (glue = traced)
export const tracingGlue = (): TracingGlue | undefined => glue

/** The handler as the host calls it: traced as one invocation when the app traces (traced.ts), else the handler itself. */
export const servingInvocations = <I, C extends InvocationContext, R>(trigger: FaasInvocation['trigger'], handler: (input: I, context: C) => Promise<R>): ((input: I, context: C) => Promise<R>) =>
  glue ? glue.serve(trigger, handler) : handler
