import type { AppOptions } from '../../../runtime/app/app-options.ts'
import { respond } from '../../../runtime/bridge/respond.ts'
import type { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'
import type { CommandDefinition } from '../../../runtime/builders/types.ts'
import { describeAddress, type CommandMessage } from '../../../runtime/core/envelope.ts'
import { commandHandler } from '../../../runtime/service/command-handler.ts'
import { bindStandalone } from '../../../runtime/service/standalone-this.ts'
import { handleHttpApiEvent, isHttpApiEvent } from './api-gateway.ts'
import { answerWithin, commandDeadlineMs } from './deadline.ts'
import { definitionOf, servingInvocations, setUp, type Exported, type FunctionParts, type LambdaHandler } from './function.ts'

const isCommandMessage = (event: unknown): event is CommandMessage => (event as CommandMessage)?.messageType === 'command'

/** A command's function: HTTP API requests (payload 2.0) and direct invocations from other functions. */
export function commandFunction(builder: ServiceBuilderBase, exported: Exported<CommandDefinition>, options: AppOptions, parts: FunctionParts): LambdaHandler {
  const definition = definitionOf(exported)
  const { address, deps, logger, settled } = setUp(builder, definition.commandName, options, parts)
  // A command arrives by API Gateway or Lambda Invoke, not by EventBridge: its span names no messaging system.
  const run = commandHandler(bindStandalone(definition, builder, deps.logger, options.serviceConfig?.[builder.info.serviceName], parts.mapHooks), address, { ...deps, messagingSystem: undefined }, parts.hookedCommand)
  const { http } = definition
  // The build passes the guard only to functions of protected endpoints.
  const authGuard = http && !http.isPublic ? parts.authGuard : undefined
  const route = http && { receiver: address, http, authGuard, bodyLimit: options.http.bodyLimit, logger, invoke: run }
  const handler: LambdaHandler = async (event, context) => {
    try {
      if (isHttpApiEvent(event) && route) {
        return await handleHttpApiEvent(event, { ...route, invoke: (command) => answerWithin(run(command), commandDeadlineMs(options.commandTimeoutMs, context), command, logger) })
      }
      // Another function's canInvoke: the answer is the same response envelope a broker carries.
      if (isCommandMessage(event)) return await respond(event, run)
      throw new Error(`${describeAddress(address)} cannot handle this event: expected ${route ? 'an HTTP API (payload 2.0) request or ' : ''}a purista command message`)
    } finally {
      await settled()
    }
  }
  return servingInvocations(handler, (event) => (isHttpApiEvent(event) ? 'http' : 'other'))
}
