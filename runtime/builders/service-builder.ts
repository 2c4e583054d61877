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
}
