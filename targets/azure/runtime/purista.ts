import { ServiceBuilderBase, type DefinitionBuilders } from '../../../runtime/builders/service-builder-base.ts'

/*
 * What `import … from 'purista'` means inside an Azure Functions bundle: the documented API, except
 * that a ServiceBuilder does not start services on a bridge. Each function runs its one definition
 * itself (command-function.ts, subscription-function.ts), so the code that runs whole services stays
 * out. Only what a definition file uses is exported: every module named here is reachable from every
 * function.
 */
export { DefaultEventBridge } from '../../../runtime/bridge/default-event-bridge.ts'
export { HandledError, UnhandledError, StatusCode } from '../../../runtime/core/errors.ts'
export { extendApi } from '../../../runtime/core/extend-api.ts'
export { getNewInstanceId } from '../../../runtime/core/envelope.ts'
export { EBMessageType } from '../../../runtime/core/message-type.ts'
export { createLogger } from '../../../runtime/core/logger.ts'
export { MemoryStateStore, MemoryConfigStore } from '../../../runtime/stores/memory.ts'
export { EnvStore } from '../../../runtime/stores/env.ts'

const builders: DefinitionBuilders = {}

/**
 * Called by a function's entry before it loads the user's modules: the definition builder classes
 * their code asks for (the build finds out which, as for Lambda). Every function of an app runs in
 * one worker process, so what each entry provides adds up.
 */
export function provideDefinitionBuilders(provided: DefinitionBuilders): void {
  Object.assign(builders, provided)
}

export class ServiceBuilder extends ServiceBuilderBase {
  protected readonly builders = builders
  getInstance(): never {
    throw new Error(`getInstance() of ${this.info.serviceName} was called inside an Azure Function: there, purista registers each command and subscription as a function of its own`)
  }
}
