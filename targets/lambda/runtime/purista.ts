import { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'

/*
 * What `import … from 'purista'` means inside a Lambda bundle: the runtime's exports, except that a
 * ServiceBuilder does not start services on a bridge. A function runs its one definition itself
 * (command-function.ts, subscription-function.ts), so the code that runs whole services stays out:
 * Service is not exported here, since even re-exporting it would put what it imports into every
 * function's shared chunk.
 */
export { CommandDefinitionBuilder } from '../../../runtime/builders/command-builder.ts'
export { SubscriptionDefinitionBuilder } from '../../../runtime/builders/subscription-builder.ts'
export { DefaultEventBridge } from '../../../runtime/bridge/default-event-bridge.ts'
export { HandledError, UnhandledError, StatusCode } from '../../../runtime/core/errors.ts'
export { createLogger } from '../../../runtime/core/logger.ts'
export { MemoryStateStore, MemoryConfigStore } from '../../../runtime/stores/memory.ts'
export { EnvStore } from '../../../runtime/stores/env.ts'
export { startHttpServer } from '../../../runtime/http/server.ts'
export { collectRoutes } from '../../../runtime/http/routes.ts'

export class ServiceBuilder extends ServiceBuilderBase {
  getInstance(): never {
    throw new Error(`getInstance() of ${this.info.serviceName} was called inside a Lambda function: there, purista runs each command and subscription as a function of its own`)
  }
}
