import { app, type HttpRequest } from '@azure/functions'
import type { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'
import type { CommandDefinition } from '../../../runtime/builders/types.ts'
import { commandHandler } from '../../../runtime/service/command-handler.ts'
import { bindStandalone } from '../../../runtime/service/standalone-this.ts'
import { definitionOf, servingInvocations, setUp, type Exported, type FunctionOptions, type FunctionParts } from './function.ts'
import { answerHttpRequest } from './http-request.ts'

/** What the build decided for this command's functions (the infrastructure uses the same names). */
export interface CommandRegistration {
  name: string
  /** The public route: api/v1/users/{userId}. */
  http: { route: string; methods: string[] } | null
  /** The route other Function Apps invoke it at, with a function key. */
  invokeRoute: string | null
}

/**
 * A command's function: registered with app.http on its public route. A command other functions
 * invoke also answers envelopes (parts.answerEnvelopes): in process, and on its invoke route when
 * other apps call it.
 */
export function commandFunction(builder: ServiceBuilderBase, exported: Exported<CommandDefinition>, options: FunctionOptions, parts: FunctionParts, registration: CommandRegistration): void {
  const definition = definitionOf(exported)
  const { address, deps, logger } = setUp(builder, definition.commandName, options, parts)
  // `this` has the Service's shape, config checked here: a bad one fails the worker's start, naming it.
  // A command arrives by an HTTP trigger or from this app's own functions, not by Service Bus: its span names no messaging system.
  const run = commandHandler(bindStandalone(definition, builder, deps.logger, options.serviceConfig?.[builder.info.serviceName], parts.mapHooks), address, { ...deps, messagingSystem: undefined }, parts.hookedCommand)
  if (registration.http && definition.http) {
    const { queryParameters, contentType, responseContentType } = definition.http
    // The build passes the guard only to functions of protected endpoints.
    const authenticate = definition.http.isPublic ? undefined : parts.authenticate
    const route = { receiver: address, template: `/${registration.http.route}`, queryParameters, contentType, responseContentType, authenticate, bodyLimit: options.http.bodyLimit, logger, invoke: run }
    // Anonymous to the host even when protected: the app's guard authenticates the caller, not a function key.
    app.http(registration.name, { route: registration.http.route, methods: registration.http.methods as never, authLevel: 'anonymous', handler: servingInvocations('http', (request: HttpRequest) => answerHttpRequest(request, route)) })
  }
  parts.answerEnvelopes?.(address, run, registration)
}
