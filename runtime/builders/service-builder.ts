import type { EventBridge } from '../bridge/types.ts'
import { Service, type ServiceOptions } from '../service/service.ts'
import { serviceConfig } from '../service/service-config.ts'
import { CommandDefinitionBuilder } from './command-builder.ts'
import { ServiceBuilderBase, type UncheckedConfig } from './service-builder-base.ts'
import { SubscriptionDefinitionBuilder } from './subscription-builder.ts'
import type { InferInput, InferOutput, StandardSchemaV1 } from '../core/schema.ts'
import type { ResourceMap } from './types.ts'

const BOTH_KINDS = { command: CommandDefinitionBuilder, subscription: SubscriptionDefinitionBuilder }

/** getInstance's options: `resources` is required once the service declared any with defineResource; serviceConfig is typed by the config schema's input. */
export type InstanceOptions<Resources extends ResourceMap, ConfigInput = UncheckedConfig> = keyof Resources extends never
  ? [options?: ServiceOptions<ConfigInput>]
  : [options: ServiceOptions<ConfigInput> & { resources: Resources }]

/** Groups commands and subscriptions under one name and version, and runs them as a Service on a bridge. */
export class ServiceBuilder<Resources extends ResourceMap = {}, Config = UncheckedConfig, ConfigInput = Config> extends ServiceBuilderBase<Resources, Config, ConfigInput> {
  protected readonly builders = BOTH_KINDS

  declare defineResource: <Name extends string, Type>() => ServiceBuilder<Resources & { [K in Name]: Type }, Config, ConfigInput>
  declare setConfigSchema: <S extends StandardSchemaV1>(schema: S) => ServiceBuilder<Resources, InferOutput<S>, InferInput<S>>

  /** Returns the instance right away; `await` on it works too, as PURISTA code does. */
  getInstance(eventBridge: EventBridge, ...[options]: InstanceOptions<Resources, ConfigInput>): Service<Config> {
    if (this.requiresResources && !options?.resources) {
      throw new Error(`${this.info.serviceName} v${this.info.serviceVersion} declares resources with defineResource(): pass them, getInstance(bridge, { resources: { … } })`)
    }
    // An invalid config throws here, as PURISTA's getInstance rejects, naming each field (service-config.ts).
    const config = serviceConfig(this.info, this.getConfigSchema(), this.getDefaultConfig(), options?.serviceConfig)
    return new Service(this.info, [...this.getCommandDefinitions()], [...this.getSubscriptionDefinitions()], eventBridge, options, config as Config | Promise<Config>)
  }

  /**
   * PURISTA's check for a unit test, `await expect(service.testServiceSetup()).resolves.toBeTruthy()`:
   * resolves with true, or rejects naming a command or subscription name used twice (ignoring case)
   * or a success event two commands emit.
   */
  async testServiceSetup(): Promise<true> {
    this.validateCommandDefinitions()
    this.validateSubscriptionDefinitions()
    return true
  }

  /** PURISTA 1's synchronous half of testServiceSetup for commands: throws on a name used twice or a success event two commands emit. */
  validateCommandDefinitions(): void {
    const commands = this.getCommandDefinitions()
    const command = usedTwice(commands.map((c) => c.commandName.trim().toLowerCase()))
    if (command) throw new Error(`${this.#where} has two commands named ${command}`)
    const event = usedTwice(commands.flatMap((c) => (c.successEventName ? [c.successEventName] : [])))
    if (event) throw new Error(`${this.#where}: two commands emit the success event "${event}"`)
  }

  /** PURISTA 1's synchronous half of testServiceSetup for subscriptions: throws on a name used twice. */
  validateSubscriptionDefinitions(): void {
    const subscription = usedTwice(this.getSubscriptionDefinitions().map((s) => s.subscriptionName.trim().toLowerCase()))
    if (subscription) throw new Error(`${this.#where} has two subscriptions named ${subscription}`)
  }

  get #where(): string {
    return `service ${this.info.serviceName} v${this.info.serviceVersion}`
  }
}

const usedTwice = (names: string[]) => names.find((name, i) => names.indexOf(name) !== i)
