import { appLogger, type AppOptions } from '../../../runtime/app/app-options.ts'
import type { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'
import type { ResourceMap, ServiceInfo } from '../../../runtime/builders/types.ts'
import type { Address } from '../../../runtime/core/envelope.ts'
import type { HttpAuthGuard } from '../../../runtime/http/auth-guard.ts'
import type { ContextDeps } from '../../../runtime/service/context.ts'
import type { ConfigStore, SecretStore, StateStore } from '../../../runtime/stores/types.ts'
import { tracing, type FaasInvocation, type FaasInvoke } from '../../../runtime/tracing/tracing.ts'
import type { LambdaInvoker } from './invoker.ts'
import type { EventPublisher } from './publisher.ts'
import type { hookedCommand } from '../../../runtime/service/command-hooks.ts'
import type { hookedSubscription } from '../../../runtime/service/subscription-hooks.ts'
import type { eventMatcher } from '../../../runtime/service/subscription-filter.ts'
import type { HooksMapper } from '../../../runtime/service/function-this.ts'
import { functionBridge } from '../../shared/runtime/function-bridge.ts'
import type { InvocationContext } from './deadline.ts'
import { invokeTargetVariable } from './names.ts'

/*
 * What every function shares, whichever its kind (command-function.ts, subscription-function.ts):
 * a function carries only the code of its own kind.
 */

/** What a generated function entry brings: only the AWS clients its function needs. */
export interface FunctionParts {
  /** Present only in functions that emit events. */
  publisher?: EventPublisher
  /** Present only in functions that declared canInvoke targets. */
  invoker?: LambdaInvoker
  /**
   * DynamoDB behind the state limits (state-limits.ts) where the function's code uses context.states,
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
  /** The app's auth guard (purista.config.ts http.authGuard), in functions of protected endpoints only. */
  authGuard?: HttpAuthGuard
  /** The stores purista.config.ts chose, so a function carries only their code. */
  configStore: ConfigStore
  secretStore: SecretStore
  /** What the service declared with defineResource, made once at init by the generated entry. */
  resources?: ResourceMap
}

export type LambdaHandler = (event: unknown, context?: InvocationContext) => Promise<unknown>

export { definitionOf, type Exported } from '../../shared/runtime/definition-of.ts'

/** How the semantic conventions name what carries a Lambda's events. */
const MESSAGING_SYSTEM = 'aws_eventbridge'

/** Commands are Lambda Invokes of the function the build named in the environment, not EventBridge messages. */
const LAMBDA_INVOKE: FaasInvoke = { provider: 'aws', nameOf: (receiver) => process.env[invokeTargetVariable(receiver)], region: process.env.AWS_REGION }

/** The handler, each invocation traced as one (faas.trigger, faas.invocation_id) when the function traces; else the handler itself. */
export function servingInvocations(handler: LambdaHandler, triggerOf: (event: unknown) => FaasInvocation['trigger']): LambdaHandler {
  const traced = tracing
  return traced ? (event, context) => traced.invocation({ trigger: triggerOf(event), id: context?.awsRequestId }, () => handler(event, context)) : handler
}

/**
 * Everything that can be done once per container is done here, at init: the logger, the stores,
 * the AWS clients. A function runs its one definition directly; routing between functions is
 * AWS's job (API Gateway routes, EventBridge rules), so there is no bridge to register on.
 */
export function setUp(builder: ServiceBuilderBase, serviceTarget: string, options: AppOptions, parts: FunctionParts) {
  const { info } = builder
  const address: Address = { serviceName: info.serviceName, serviceVersion: info.serviceVersion, serviceTarget }
  const logger = appLogger(options).child({ service: info.serviceName, serviceVersion: info.serviceVersion })
  const { publisher, invoker } = parts
  const bridge = functionBridge(publisher, invoker)
  const deps: ContextDeps = {
    // Commands go by Lambda Invoke, events by EventBridge: the envelope carries the span context on both.
    bridge: tracing ? tracing.sender(bridge, MESSAGING_SYSTEM, LAMBDA_INVOKE) : bridge,
    messagingSystem: MESSAGING_SYSTEM,
    logger,
    states: parts.stateStore(info),
    configs: parts.configStore,
    secrets: parts.secretStore,
    commandTimeoutMs: options.commandTimeoutMs,
    serviceProxy: invoker?.serviceProxy,
    resources: parts.resources,
  }
  logger.info('function started', { target: serviceTarget })
  // A Lambda is frozen as soon as its handler returns: events still being published, and the spans
  // of the invocation, must be out by then.
  const traced = tracing
  const settled = traced ? async () => (await publisher?.settled(), await traced.flush()) : () => publisher?.settled()
  return { address, deps, logger, settled }
}
