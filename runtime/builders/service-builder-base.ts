import type { StandardSchemaV1 } from '../core/schema.ts'
import { CommandDefinitionBuilder } from './command-builder.ts'
import { SubscriptionDefinitionBuilder } from './subscription-builder.ts'
import type { CommandDefinition, ServiceInfo, SubscriptionDefinition } from './types.ts'

/**
 * Groups commands and subscriptions under one name and version; holds no business logic. Running
 * them is ServiceBuilder's part (getInstance), kept apart so a Lambda function, which runs one
 * definition without a Service, does not carry that code.
 */
export class ServiceBuilderBase {
  readonly info: ServiceInfo
  private configSchema?: StandardSchemaV1
  private readonly commands: CommandDefinition[] = []
  private readonly subscriptions: SubscriptionDefinition[] = []

  constructor(info: ServiceInfo) {
    this.info = { ...info, serviceVersion: String(info.serviceVersion) }
  }

  setConfigSchema(schema: StandardSchemaV1): this {
    this.configSchema = schema
    return this
  }

  getCommandBuilder(commandName: string, description: string): CommandDefinitionBuilder {
    return new CommandDefinitionBuilder(this.info, commandName, description)
  }

  getSubscriptionBuilder(subscriptionName: string, description: string): SubscriptionDefinitionBuilder {
    return new SubscriptionDefinitionBuilder(this.info, subscriptionName, description)
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

}
