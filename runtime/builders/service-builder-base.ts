import type { InferInput, InferOutput, StandardSchemaV1 } from '../core/schema.ts'
import type { CommandDefinitionBuilder } from './command-builder.ts'
import type { SubscriptionDefinitionBuilder } from './subscription-builder.ts'
import type { CommandDefinition, ResourceMap, ServiceInfo, SubscriptionDefinition } from './types.ts'

/** The classes getCommandBuilder and getSubscriptionBuilder make. */
export interface DefinitionBuilders {
  command?: typeof CommandDefinitionBuilder
  subscription?: typeof SubscriptionDefinitionBuilder
}

/**
 * Groups commands and subscriptions under one name and version; holds no business logic. Running
 * them is ServiceBuilder's part (getInstance), and so are PURISTA's unit-test checks of them
 * (testServiceSetup), kept apart so a Lambda or Azure function, which runs one definition without
 * a Service, does not carry that code. Which definition builder classes exist
 * is the subclass's choice too: a Lambda function carries only the one of its own kind.
 */
/** `this.config` of a service without setConfigSchema: whatever the defaults and given values hold. */
export type UncheckedConfig = Record<string, any>

/**
 * Config is what `this.config` holds (the config schema's output); ConfigInput is what is given for it
 * (the schema's input, before defaults and transforms), as PURISTA types getInstance's serviceConfig.
 */
export abstract class ServiceBuilderBase<Resources extends ResourceMap = {}, Config = UncheckedConfig, ConfigInput = Config> {
  protected abstract readonly builders: DefinitionBuilders

  declare readonly info: ServiceInfo
  private configSchema?: StandardSchemaV1
  private defaultConfig?: Record<string, unknown>
  /** Set by defineResource(): the names are types only, so getInstance can tell that some are needed, not which. */
  protected requiresResources = false
  private readonly commands: CommandDefinition[] = []
  private readonly subscriptions: SubscriptionDefinition[] = []

  constructor(info: ServiceInfo) {
    this.info = { ...info, serviceVersion: String(info.serviceVersion) }
  }

  /** The schema of the service's config; its output is the type of `this.config` in every function. */
  setConfigSchema<S extends StandardSchemaV1>(schema: S): ServiceBuilderBase<Resources, InferOutput<S>, InferInput<S>> {
    this.configSchema = schema
    return this as ServiceBuilderBase<any, any>
  }

  /** Config values every instance starts from; purista.config.ts or getInstance's serviceConfig override them. */
  setDefaultConfig(config: Partial<Config>): this {
    this.defaultConfig = config
    return this
  }

  getCommandBuilder(commandName: string, description: string): CommandDefinitionBuilder<undefined, undefined, undefined, {}, {}, Resources, Config> {
    // Resources and Config are types only, as for getSubscriptionBuilder.
    return new (this.builders.command ?? this.missing('command'))(this.info, commandName, description) as CommandDefinitionBuilder<undefined, undefined, undefined, {}, {}, Resources, Config>
  }

  /**
   * Declares a value the app supplies when the service starts (a database pool, a client):
   * `context.resources.db` in every function of the service, typed `Type`. purista.config.ts names
   * the module that makes it (`resources: { db: './src/resources/db.ts#createDb' }`); a main file of
   * your own passes it to getInstance(bridge, { resources: { db } }).
   */
  defineResource<Name extends string, Type>(): ServiceBuilderBase<Resources & { [K in Name]: Type }, Config, ConfigInput> {
    this.requiresResources = true
    return this as ServiceBuilderBase<any, any>
  }

  getSubscriptionBuilder(subscriptionName: string, description: string): SubscriptionDefinitionBuilder<undefined, undefined, undefined, {}, {}, Resources, Config> {
    // Resources is a type only: the builder itself is the same whatever the service declared.
    return new (this.builders.subscription ?? this.missing('subscription'))(this.info, subscriptionName, description) as SubscriptionDefinitionBuilder<undefined, undefined, undefined, {}, {}, Resources, Config>
  }

  private missing(kind: keyof DefinitionBuilders): never {
    // The Lambda build leaves a kind out only where the bundle's code never asks for it.
    throw new Error(`purista bug: no ${kind} builder in this bundle`)
  }

  addCommandDefinition(...definitions: CommandDefinition[]): this {
    for (const definition of definitions) {
      if (this.commands.some((c) => c.commandName === definition.commandName)) {
        throw new Error(`service ${this.info.serviceName} v${this.info.serviceVersion} already has a command "${definition.commandName}"`)
      }
      this.commands.push(definition)
    }
    return this
  }

  addSubscriptionDefinition(...definitions: SubscriptionDefinition[]): this {
    this.subscriptions.push(...definitions)
    return this
  }

  getCommandDefinitions(): readonly CommandDefinition[] {
    return this.commands
  }

  getSubscriptionDefinitions(): readonly SubscriptionDefinition[] {
    return this.subscriptions
  }

  getConfigSchema(): StandardSchemaV1 | undefined {
    return this.configSchema
  }

  getDefaultConfig(): Record<string, unknown> | undefined {
    return this.defaultConfig
  }
}
