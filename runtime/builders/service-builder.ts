import type { EventBridge } from '../bridge/types.ts'
import { Service, type ServiceOptions } from '../service/service.ts'
import { serviceConfig } from '../service/service-config.ts'
import { CommandDefinitionBuilder } from './command-builder.ts'
import { ServiceBuilderBase } from './service-builder-base.ts'
import { SubscriptionDefinitionBuilder } from './subscription-builder.ts'

const BOTH_KINDS = { command: CommandDefinitionBuilder, subscription: SubscriptionDefinitionBuilder }

/** Groups commands and subscriptions under one name and version, and runs them as a Service on a bridge. */
export class ServiceBuilder extends ServiceBuilderBase {
  protected readonly builders = BOTH_KINDS

  /** Returns the instance right away; `await` on it works too, as PURISTA code does. */
  getInstance(eventBridge: EventBridge, options?: ServiceOptions): Service {
    // An invalid config throws here, as PURISTA's getInstance rejects, naming each field (service-config.ts).
    const config = serviceConfig(this.info, this.getConfigSchema(), this.getDefaultConfig(), options?.serviceConfig)
    return new Service(this.info, [...this.getCommandDefinitions()], [...this.getSubscriptionDefinitions()], eventBridge, options, config)
  }
}
