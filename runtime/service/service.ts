import type { EventBridge } from '../bridge/types.ts'
import type { CommandDefinition, ResourceMap, ServiceInfo, SubscriptionDefinition } from '../builders/types.ts'
import { newId, type Address } from '../core/envelope.ts'
import { createLogger, type Logger, type LogLevel } from '../core/logger.ts'
import { noopTracer, type Tracer } from '../core/tracer.ts'
import { messagingSystemOf, tracing } from '../tracing/tracing.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'
import type { ConfigStore, SecretStore, StateStore } from '../stores/types.ts'
import type { ContextDeps } from './context.ts'
import { commandHandler } from './command-handler.ts'
import { hookedCommand } from './command-hooks.ts'
import { subscriptionHandler } from './subscription-handler.ts'
import { eventMatcher } from './subscription-filter.ts'
import { hookedSubscription } from './subscription-hooks.ts'
import { invokeProxy } from './invoke-proxy.ts'
import { bindThis, type ServiceThis } from './function-this.ts'
import { mapHookFunctions } from './hook-functions.ts'
import { withStateLimits } from '../stores/state-limits.ts'

export interface ServiceOptions<ConfigInput = Record<string, unknown>> {
  /** The service's config values, over setDefaultConfig's; checked by setConfigSchema's schema. */
  serviceConfig?: Partial<ConfigInput>
  logger?: Logger
  /** The level of the logger made when none is given, as in PURISTA; a given logger keeps its own. */
  logLevel?: LogLevel
  /**
   * PURISTA's OpenTelemetry span processor for the service. Accepted and ignored: purista traces
   * per app (purista.config.ts telemetry, or the SDK the process starts), not per service.
   */
  spanProcessor?: unknown
  /** PURISTA's metrics option. Accepted and ignored: purista records no metrics yet. */
  metrics?: unknown
  stateStore?: StateStore
  configStore?: ConfigStore
  secretStore?: SecretStore
  /** How long a canInvoke call waits for its answer. */
  commandTimeoutMs?: number
  /** context.resources of every function: the values for the service's defineResource declarations. */
  resources?: ResourceMap
}

/**
 * A running service: its commands and subscriptions registered on one bridge. It is `this` inside
 * their functions, as in PURISTA: `this.config`, `this.logger`, `this.info`, `this.getTracer()`.
 */
export class Service<Config = Record<string, unknown>> implements ServiceThis<Config> {
  readonly instanceId = newId()
  /** Set at construction for a synchronous config schema, at start() for one that validates asynchronously. */
  config!: Config
  readonly #pendingConfig?: Promise<Config>
  private readonly deps: ContextDeps
  private started = false

  constructor(
    readonly info: ServiceInfo,
    readonly commandDefinitions: readonly CommandDefinition[],
    readonly subscriptionDefinitions: readonly SubscriptionDefinition[],
    readonly eventBridge: EventBridge,
    options: Omit<ServiceOptions, 'serviceConfig'> = {},
    /** The validated config, or the promise of it (see service-config.ts). */
    config: Config | Promise<Config> = {} as Config,
  ) {
    // Handled here so a rejection before start() is not an unhandled one; start() rethrows it.
    if (config instanceof Promise) (this.#pendingConfig = config).catch(() => {})
    else this.config = config
    const memory = new MemoryConfigStore()
    const messagingSystem = messagingSystemOf(eventBridge)
    this.deps = {
      bridge: tracing ? tracing.sender(eventBridge, messagingSystem) : eventBridge,
      messagingSystem,
      logger: (options.logger ?? createLogger({ level: options.logLevel })).child({ service: info.serviceName, serviceVersion: info.serviceVersion }),
      states: withStateLimits(options.stateStore ?? new MemoryStateStore(), info),
      configs: options.configStore ?? memory,
      secrets: options.secretStore ?? memory,
      commandTimeoutMs: options.commandTimeoutMs,
      serviceProxy: invokeProxy,
      resources: options.resources,
    }
  }

  get logger(): Logger {
    return this.deps.logger
  }

  getTracer(name?: string, version?: string): Tracer {
    return tracing?.tracer(name, version) ?? noopTracer
  }

  async start(): Promise<void> {
    if (this.started) return
    if (this.#pendingConfig) this.config = await this.#pendingConfig
    for (const definition of this.commandDefinitions) {
      await this.eventBridge.registerCommand(this.address(definition.commandName), commandHandler(bindThis(definition, this, mapHookFunctions), this.address(definition.commandName), this.deps, hookedCommand))
    }
    for (const definition of this.subscriptionDefinitions) {
      await this.eventBridge.registerSubscription(
        {
          address: this.address(definition.subscriptionName),
          eventName: definition.eventName,
          eventServiceVersion: definition.eventServiceVersion,
          durable: definition.durable,
          everyInstance: definition.everyInstance,
          autoacknowledge: definition.autoacknowledge,
        },
        subscriptionHandler(bindThis(definition, this, mapHookFunctions), this.address(definition.subscriptionName), this.deps, hookedSubscription, eventMatcher),
      )
    }
    this.started = true
    this.logger.info('service started', { commands: this.commandDefinitions.length, subscriptions: this.subscriptionDefinitions.length })
  }

  async stop(): Promise<void> {
    if (!this.started) return
    for (const definition of this.commandDefinitions) await this.eventBridge.unregisterCommand(this.address(definition.commandName))
    for (const definition of this.subscriptionDefinitions) await this.eventBridge.unregisterSubscription(this.address(definition.subscriptionName))
    this.started = false
  }

  async destroy(): Promise<void> {
    await this.stop()
  }

  address(serviceTarget: string): Address {
    return { serviceName: this.info.serviceName, serviceVersion: this.info.serviceVersion, serviceTarget, instanceId: this.instanceId }
  }
}
