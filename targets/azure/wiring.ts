import { createHash } from 'node:crypto'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { AppModel, CommandTarget, ServiceModel, SubscriptionModel } from '../../compiler/model/app-model.ts'
import { appFunctions, functionName, type AppFunction } from '../lambda/wiring.ts'
import { invokeRoute } from './runtime/invoke-names.ts'
import { EVENT_NAME_PROPERTY, SENDER_VERSION_PROPERTY } from './runtime/names.ts'

/**
 * What the Azure deployment consists of, derived from the AppModel and purista.config.ts: the
 * Function Apps, the functions each registers, and the Service Bus subscriptions. The function
 * entries and the infrastructure templates are both written from it, so they cannot disagree.
 */
export interface AzureWiring {
  /** The purista app: names the topic and the resources. */
  app: string
  topic: string
  plan: ResolvedConfig['targets']['azure']['plan']
  apps: FunctionAppWiring[]
  /** The build traces: the templates take the OTEL_* export settings as parameters. */
  tracing: boolean
}

export interface FunctionAppWiring {
  /** Also its folder in dist/azure. */
  name: string
  services: { name: string; version: string }[]
  functions: AzureFunctionWiring[]
  /** Sends to the topic: gets Service Bus Data Sender on it. */
  emits: boolean
  /** Uses context.states: gets Storage Table Data Reader on the state table, or Contributor when it writes. */
  usesState: boolean
  /** Some function sets or removes state. */
  writesState: boolean
  /** Some function reads Key Vault (stores.secret 'azure-key-vault'): the app gets the vault's URL and Key Vault Secrets User on it. */
  readsSecrets: boolean
  /** Other apps whose commands its functions invoke: it gets their base URL and function key. */
  invokesApps: string[]
}

export interface AzureFunctionWiring {
  name: string
  kind: 'command' | 'subscription'
  service: { name: string; version: string }
  /** The command's or subscription's name. */
  definition: string
  /** The public route of an exposed command, in Azure's route syntax: api/v1/users/{userId}. */
  http: { route: string; methods: string[] } | null
  /** Registered when a function of another app invokes this command (or it has no public route). */
  invokeRoute: string | null
  /** A function of the same app invokes this command: it answers envelopes in process. */
  invokedInProcess: boolean
  /** The topic subscription of a subscription function, with the SQL filter that picks its events. */
  subscription: { name: string; sqlFilter: string; maxDeliveryCount: number } | null
  emits: boolean
  /** canInvoke targets by `Service v1 command`: the app to call over HTTP, or null when it runs in this app. */
  invokes: Record<string, string | null>
  usesState: boolean
  /** Calls context.states.setState or removeState (or may: see stateMethods in the AppModel). */
  writesState: boolean
  /** The Key Vault secrets its code reads (stores.secret 'azure-key-vault'; else none). */
  secrets: string[]
}

/** Service Bus names: letters, digits, . - _, and at most 50 characters for a subscription. */
const SUBSCRIPTION_NAME_LIMIT = 50
export const subscriptionName = (fn: string): string =>
  fn.length <= SUBSCRIPTION_NAME_LIMIT ? fn : `${fn.slice(0, SUBSCRIPTION_NAME_LIMIT - 9)}-${createHash('sha256').update(fn).digest('hex').slice(0, 8)}`

/** Lowercase letters, digits and -: what Function App, topic and folder names all accept. */
export const resourceName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'purista'

/** `/api/v1/users/:userId?` as an Azure Functions route (host.json routePrefix is empty): `api/v1/users/{userId?}`. */
export const azureRoute = (path: string): string => path.replace(/^\//, '').replace(/:(\w+)(\?)?/g, '{$1$2}')

/** SQL over the application properties every event message carries: exactly the events the in-process bridges would deliver. */
export const sqlFilter = (subscription: Pick<SubscriptionModel, 'event' | 'eventServiceVersion'>): string => {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`
  const clauses = [`${EVENT_NAME_PROPERTY} = ${literal(subscription.event)}`]
  if (subscription.eventServiceVersion) clauses.push(`${SENDER_VERSION_PROPERTY} = ${literal(subscription.eventServiceVersion)}`)
  return clauses.join(' AND ')
}

/** Which Function App each service runs in: targets.azure.apps, the rest in one app named after the purista app. */
export function appOfService(model: AppModel, config: ResolvedConfig): Map<string, string> {
  const named = new Map<string, string>()
  for (const [app, services] of Object.entries(config.targets.azure.apps)) for (const service of services) named.set(service, app)
  const fallback = resourceName(model.name)
  return new Map(model.services.map((s) => [serviceKey(s), named.get(s.serviceName) ?? fallback]))
}

export const serviceKey = (s: Pick<ServiceModel, 'serviceName' | 'serviceVersion'>) => `${s.serviceName}@${s.serviceVersion}`
const targetKey = (t: CommandTarget) => `${t.serviceName} v${t.serviceVersion} ${t.command}`

export function deriveAzureWiring(model: AppModel, config: ResolvedConfig): AzureWiring {
  const appOf = appOfService(model, config)
  const all = appFunctions(model)
  const appOfFunction = (fn: AppFunction) => appOf.get(serviceKey(fn.service))!
  // Commands a function of another app invokes: they need a route that app can reach.
  const invokedFromOutside = new Set(
    all.flatMap((fn) => fn.definition.invokes.filter((t) => appOf.get(serviceKey({ serviceName: t.serviceName, serviceVersion: t.serviceVersion })) !== appOfFunction(fn)).map(targetKey)),
  )
  // Commands a function of the same app invokes: they answer in process.
  const invokedInProcess = new Set(
    all.flatMap((fn) => fn.definition.invokes.filter((t) => appOf.get(serviceKey({ serviceName: t.serviceName, serviceVersion: t.serviceVersion })) === appOfFunction(fn)).map(targetKey)),
  )
  const wire = (fn: AppFunction): AzureFunctionWiring => {
    const { service, definition } = fn
    const name = functionName(service, definition.name)
    const command = fn.kind === 'command' ? fn.definition : undefined
    const subscription = fn.kind === 'subscription' ? fn.definition : undefined
    const key = targetKey({ serviceName: service.serviceName, serviceVersion: service.serviceVersion, command: definition.name })
    return {
      name,
      kind: fn.kind,
      service: { name: service.serviceName, version: service.serviceVersion },
      definition: definition.name,
      http: command?.http ? { route: azureRoute(command.http.path), methods: [command.http.method] } : null,
      // Every command is a function of its own: one without a public route is reachable with a function key only.
      invokeRoute: command && (!command.http || invokedFromOutside.has(key)) ? invokeRoute({ serviceName: service.serviceName, serviceVersion: service.serviceVersion, serviceTarget: definition.name }) : null,
      invokedInProcess: Boolean(command) && invokedInProcess.has(key),
      // Service Bus always redelivers; a subscription that is not durable gets one delivery, as on the other targets.
      subscription: subscription ? { name: subscriptionName(name), sqlFilter: sqlFilter(subscription), maxDeliveryCount: subscription.durable ? config.targets.azure.maxDeliveryCount : 1 } : null,
      emits: Boolean(command?.successEvent || subscription?.outputEvent || definition.emits.length),
      invokes: Object.fromEntries(
        definition.invokes.map((t) => {
          const app = appOf.get(serviceKey({ serviceName: t.serviceName, serviceVersion: t.serviceVersion }))!
          return [targetKey(t), app === appOfFunction(fn) ? null : app]
        }),
      ),
      usesState: definition.usesState,
      writesState: definition.stateMethods.some((method) => method !== 'getState'),
      secrets: config.stores.secret === 'azure-key-vault' ? definition.secrets : [],
    }
  }
  const apps = [...new Set(appOf.values())].sort().map((name): FunctionAppWiring => {
    const mine = all.filter((fn) => appOfFunction(fn) === name)
    const functions = mine.map(wire)
    return {
      name,
      services: model.services.filter((s) => appOf.get(serviceKey(s)) === name).map((s) => ({ name: s.serviceName, version: s.serviceVersion })),
      functions,
      emits: functions.some((f) => f.emits),
      usesState: functions.some((f) => f.usesState),
      writesState: functions.some((f) => f.writesState),
      readsSecrets: functions.some((f) => f.secrets.length > 0),
      invokesApps: [...new Set(functions.flatMap((f) => Object.values(f.invokes).filter((app): app is string => app !== null)))].sort(),
    }
  })
  return { app: model.name, topic: resourceName(model.name), plan: config.targets.azure.plan, apps, tracing: config.telemetry.tracing }
}
