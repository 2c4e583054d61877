import type { EventBridge } from '../bridge/types.ts'
import { Service, type ServiceOptions } from '../service/service.ts'
import { ServiceBuilderBase } from './service-builder-base.ts'

/** Groups commands and subscriptions under one name and version, and runs them as a Service on a bridge. */
export class ServiceBuilder extends ServiceBuilderBase {
  /** Returns the instance right away; `await` on it works too, as PURISTA code does. */
  getInstance(eventBridge: EventBridge, options?: ServiceOptions): Service {
    return new Service(this.info, [...this.getCommandDefinitions()], [...this.getSubscriptionDefinitions()], eventBridge, options)
  }
}
