import type { EventBridge } from '../bridge/types.ts'
import type { CommandDefinition, ServiceInfo, SubscriptionDefinition } from '../builders/types.ts'
import { newId, type Address, type CommandMessage, type EventMessage } from '../core/envelope.ts'
import { HandledError, StatusCode, UnhandledError } from '../core/errors.ts'
import { createLogger, type Logger } from '../core/logger.ts'
import { validate } from '../core/schema.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'
import type { ConfigStore, SecretStore, StateStore } from '../stores/types.ts'
import { createEvent, FunctionContext, type ContextDeps, type FunctionDeclarations } from './context.ts'

export interface ServiceOptions {
  logger?: Logger
  stateStore?: StateStore
  configStore?: ConfigStore
  secretStore?: SecretStore
  /** How long a canInvoke call waits for its answer. */
  commandTimeoutMs?: number
}

/** A running service: its commands and subscriptions registered on one bridge. */
export class Service {
  readonly instanceId = newId()
  private readonly deps: ContextDeps
  private started = false

  constructor(
    readonly info: ServiceInfo,
    readonly commandDefinitions: readonly CommandDefinition[],
    readonly subscriptionDefinitions: readonly SubscriptionDefinition[],
    readonly eventBridge: EventBridge,
    options: ServiceOptions = {},
  ) {
    const memory = new MemoryConfigStore()
    this.deps = {
      bridge: eventBridge,
      logger: (options.logger ?? createLogger()).child({ service: info.serviceName, serviceVersion: info.serviceVersion }),
      states: options.stateStore ?? new MemoryStateStore(),
      configs: options.configStore ?? memory,
      secrets: options.secretStore ?? memory,
      commandTimeoutMs: options.commandTimeoutMs,
    }
  }

  get logger(): Logger {
    return this.deps.logger
  }

  async start(): Promise<void> {
    if (this.started) return
    for (const definition of this.commandDefinitions) {
      await this.eventBridge.registerCommand(this.address(definition.commandName), this.commandHandler(definition))
    }
    for (const definition of this.subscriptionDefinitions) {
      await this.eventBridge.registerSubscription(
        {
          address: this.address(definition.subscriptionName),
          eventName: definition.eventName,
          eventServiceVersion: definition.eventServiceVersion,
          durable: definition.durable,
          everyInstance: definition.everyInstance,
        },
        this.subscriptionHandler(definition),
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

  private declarations(name: string, definition: CommandDefinition | SubscriptionDefinition): FunctionDeclarations {
    return { address: this.address(name), invokes: definition.invokes, emits: new Map(definition.emits.map((e) => [e.eventName, e])) }
  }

  private commandHandler(definition: CommandDefinition) {
    const declarations = this.declarations(definition.commandName, definition)
    const { payloadSchema, parameterSchema, outputSchema, successEventName, fn } = definition
    return async (message: CommandMessage): Promise<unknown> => {
      try {
        const context = new FunctionContext(message, this.deps, declarations)
        // Validation of a synchronous schema is used as is: an `await` per step would cost a microtask each.
        let payload = payloadSchema ? validate(payloadSchema, message.payload.payload, 'payload', StatusCode.BadRequest) : message.payload.payload
        if (payload instanceof Promise) payload = await payload
        let parameter = parameterSchema ? validate(parameterSchema, message.payload.parameter, 'parameter', StatusCode.BadRequest) : message.payload.parameter
        if (parameter instanceof Promise) parameter = await parameter
        const result = await fn(context, payload, parameter)
        let output = outputSchema ? validate(outputSchema, result, 'output', StatusCode.InternalServerError) : result
        if (output instanceof Promise) output = await output
        if (successEventName) {
          await this.eventBridge.emit(createEvent(successEventName, output, declarations.address, message, 'commandSuccessResponse'))
        }
        return output
      } catch (error) {
        throw this.safeError(error, message.traceId, definition.commandName)
      }
    }
  }

  private subscriptionHandler(definition: SubscriptionDefinition) {
    const declarations = this.declarations(definition.subscriptionName, definition)
    const { payloadSchema, parameterSchema, outputSchema, outputEventName, fn } = definition
    return async (message: EventMessage): Promise<void> => {
      const context = new FunctionContext(message, this.deps, declarations)
      let payload = payloadSchema ? validate(payloadSchema, message.payload, 'payload', StatusCode.BadRequest) : message.payload
      if (payload instanceof Promise) payload = await payload
      const parameter = parameterSchema ? await validate(parameterSchema, {}, 'parameter', StatusCode.BadRequest) : {}
      const result = await fn(context, payload, parameter)
      if (!outputEventName) return
      const output = outputSchema ? await validate(outputSchema, result, 'output', StatusCode.InternalServerError) : result
      await this.eventBridge.emit(createEvent(outputEventName, output, declarations.address, message, 'customMessage'))
    }
  }

  /** Handled errors travel as they are; anything else is logged here and travels as a bare status. */
  private safeError(error: unknown, traceId: string, target: string): HandledError {
    if (error instanceof HandledError && !(error instanceof UnhandledError)) return error
    this.logger.error('command failed', { traceId, target, error, ...(error instanceof HandledError && { data: error.data }) })
    return new UnhandledError(error instanceof UnhandledError ? error.errorCode : StatusCode.InternalServerError, undefined, undefined, traceId)
  }
}

