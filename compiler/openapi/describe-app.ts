import type { CommandDefinition, ServiceInfo } from '../../runtime/builders/types.ts'
import { appOpenApiDocument, type OpenApiSecurity } from '../../runtime/http/openapi.ts'
import { collectRoutes } from '../../runtime/http/routes.ts'

export interface DescribedApp {
  title: string
  authScheme?: OpenApiSecurity['scheme']
}

/** Runs in the child that loaded the services (describeInChild): the app's document, as its servers build it. */
export const describeApp = (services: { info: ServiceInfo; getCommandDefinitions(): readonly CommandDefinition[] }[], app: DescribedApp): object =>
  appOpenApiDocument(collectRoutes(services.map((s) => ({ info: s.info, commandDefinitions: s.getCommandDefinitions() }))), app.title, app.authScheme)
