import type { CommandDefinition, ServiceInfo } from '../../runtime/builders/types.ts'
import { createOpenApiDocument } from '../../runtime/http/openapi.ts'
import { collectRoutes } from '../../runtime/http/routes.ts'

/** One exposed command as the running app serves it: its names, and its OpenAPI document alone. */
export interface ExposedCommand {
  serviceName: string
  serviceVersion: string
  commandName: string
  description: string
  /** An OpenAPI 3.1 document holding only this command's operation (under each path it serves). */
  openApi: OpenApiDocument
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>
}

export interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: object }[]
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> }
  responses: Record<string, { content?: Record<string, { schema: object }> }>
}

/**
 * Runs in the child process that loaded the user's services (see load-exposed-commands.ts).
 * Each command gets a document of its own from the same function that serves /api/openapi.json,
 * so the client speaks exactly what the server documents, and finding a command's operation
 * depends on neither the path syntax nor the operationId that document uses.
 */
export function describeRoutes(services: { info: ServiceInfo; getCommandDefinitions(): readonly CommandDefinition[] }[]): ExposedCommand[] {
  const routes = collectRoutes(services.map((s) => ({ info: s.info, commandDefinitions: s.getCommandDefinitions() })))
  return routes.map((route) => ({
    serviceName: route.service.serviceName,
    serviceVersion: route.service.serviceVersion,
    commandName: route.command.commandName,
    description: route.command.commandDescription,
    openApi: createOpenApiDocument([route], { title: route.command.commandName, version: route.service.serviceVersion }) as OpenApiDocument,
  }))
}
