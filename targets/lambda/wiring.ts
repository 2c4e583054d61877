import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { AppModel, CommandModel, ServiceModel, StateMethod, SubscriptionModel } from '../../compiler/model/app-model.ts'
import { bracedPath, pathVariants } from '../../runtime/http/route-path.ts'
import { filterFields, type FilterField } from '../../runtime/service/subscription-filter.ts'
import { OTEL_SETTINGS } from '../shared/tracing.ts'
import { EVENT_SOURCE, invokeTargetVariable } from './runtime/names.ts'

/**
 * What the CDK stack builds, derived from the AppModel and purista.config.ts: written next to the
 * stack as wiring.json, so the stack is generic code a user can read, edit and keep.
 */
export interface Wiring {
  wiringVersion: 2
  app: string
  stackName: string
  runtime: ResolvedConfig['targets']['lambda']['runtime']
  architecture: ResolvedConfig['targets']['lambda']['architecture']
  logRetentionDays: number
  /** A DynamoDB table for context.states, when any function uses state. */
  stateTable: boolean
  functions: FunctionWiring[]
  /** The function of the app's own routes (GET /api/openapi.json, /healthz): no command's function carries the document. */
  appRoutes: AppRoutesWiring
  /**
   * The OTEL_* variables the stack gives every function from the CDK context value of the same
   * name (cdk deploy -c OTEL_EXPORTER_OTLP_ENDPOINT=…), the headers from a NoEcho stack parameter:
   * the build traces; empty when it does not.
   */
  otelSettings: string[]
}

export interface AppRoutesWiring {
  /** Also the folder of its bundle; no `<Service>-v<version>-<name>` can spell it. */
  name: string
  paths: string[]
  memoryMb: number
  timeoutSeconds: number
}

export const APP_ROUTES_FUNCTION = 'purista-app-routes'

export interface FunctionWiring {
  /** Also the folder of its bundle in dist/lambda/functions. */
  name: string
  kind: 'command' | 'subscription'
  service: { name: string; version: string }
  memoryMb: number
  timeoutSeconds: number
  environment: Record<string, string>
  /**
   * HttpApi routes of an exposed command: GET /api/v1/user/{userId}. HttpApi has no optional
   * parameters, so `users/:id?` is two paths to the same function: /api/v1/users and /api/v1/users/{id}.
   */
  route: { method: string; paths: string[] } | null
  /**
   * The EventBridge rule of a subscription. autoacknowledge: a failed run is not retried (it goes
   * to the dead-letter queue at once), as adviceAutoacknowledgeMessage asks.
   */
  rule: { eventPattern: EventPattern; durable: boolean; autoacknowledge: boolean } | null
  /** Gets events:PutEvents on the bus. */
  emits: boolean
  /** Gets lambda:InvokeFunction on exactly these functions; the variable carries the function name. */
  invokes: { function: string; variable: string }[]
  /** Has the state table. */
  usesState: boolean
  /** Gets on the state table exactly the actions these context.states methods need. */
  stateMethods: StateMethod[]
  /** Gets secretsmanager:GetSecretValue on exactly these secrets (stores.secret 'aws-secrets-manager'; else none). */
  secrets: string[]
  /** Gets ssm:GetParameter on exactly these parameters (stores.config 'aws-ssm'; else none). */
  parameters: string[]
}

export interface EventPattern {
  source: string[]
  'detail-type': string[]
  /** The envelope's fields the subscription filters on, each an exact value: { sender: { serviceVersion: ['1'] }, principalId: ['ada'] }. */
  detail?: Record<string, string[] | Record<string, string[]>>
}

/** Every function of the app, one per command and per subscription, in the order the stack lists them. */
export type AppFunction = { service: ServiceModel } & ({ kind: 'command'; definition: CommandModel } | { kind: 'subscription'; definition: SubscriptionModel })
export const appFunctions = (model: AppModel): AppFunction[] =>
  model.services.flatMap((service) => [
    ...service.commands.map((definition) => ({ service, kind: 'command' as const, definition })),
    ...service.subscriptions.map((definition) => ({ service, kind: 'subscription' as const, definition })),
  ])

export const functionName = (service: Pick<ServiceModel, 'serviceName' | 'serviceVersion'>, name: string): string =>
  `${service.serviceName}-v${service.serviceVersion}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-')

/** CloudFormation stack names: letters, digits and hyphens, starting with a letter. */
export const stackName = (app: string): string =>
  app
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
    .replace(/^[^A-Za-z]+/, '') || 'PuristaApp'

/**
 * The pattern of a subscription's rule: exactly the events it takes, as the in-process bridges and
 * filters decide, so a filtered-out event never invokes the function.
 */
export function eventPattern(subscription: Pick<SubscriptionModel, 'event' | 'eventServiceVersion'> & Partial<Pick<SubscriptionModel, 'filter'>>): EventPattern {
  const version: FilterField[] = subscription.eventServiceVersion ? [{ path: ['sender', 'serviceVersion'], value: subscription.eventServiceVersion }] : []
  const detail: NonNullable<EventPattern['detail']> = {}
  for (const { path, value } of [...version, ...(subscription.filter ? filterFields(subscription.filter) : [])]) {
    if (path.length === 1) detail[path[0]] = [value]
    else ((detail[path[0]] ??= {}) as Record<string, string[]>)[path[1]] = [value]
  }
  return { source: [EVENT_SOURCE], 'detail-type': [subscription.event], ...(Object.keys(detail).length && { detail }) }
}

/** `/api/v1/user/:userId?` as API Gateway routes: `/api/v1/user` and `/api/v1/user/{userId}`. */
export const apiGatewayPaths = (path: string): string[] => pathVariants(path).map(bracedPath)

export function deriveWiring(model: AppModel, config: ResolvedConfig): Wiring {
  const lambda = config.targets.lambda
  const wire = (fn: AppFunction): FunctionWiring => {
    const { service, definition, kind } = fn
    const name = functionName(service, definition.name)
    const overrides = lambda.functions[name] ?? {}
    const command = fn.kind === 'command' ? fn.definition : undefined
    const subscription = fn.kind === 'subscription' ? fn.definition : undefined
    return {
      name,
      kind,
      service: { name: service.serviceName, version: service.serviceVersion },
      memoryMb: overrides.memoryMb ?? lambda.memoryMb,
      timeoutSeconds: overrides.timeoutSeconds ?? lambda.timeoutSeconds,
      // Source maps turn stack traces in the logs back into file:line of the user's code.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...overrides.environment },
      route: command?.http ? { method: command.http.method, paths: apiGatewayPaths(command.http.path) } : null,
      rule: subscription ? { eventPattern: eventPattern(subscription), durable: subscription.durable, autoacknowledge: subscription.autoacknowledge } : null,
      emits: Boolean(command?.successEvent || subscription?.outputEvent || definition.emits.length),
      // The analyzer already rejected targets that do not exist.
      invokes: definition.invokes.map((t) => ({ function: functionName({ serviceName: t.serviceName, serviceVersion: t.serviceVersion }, t.command), variable: invokeTargetVariable({ ...t, serviceTarget: t.command }) })),
      usesState: definition.usesState,
      stateMethods: definition.stateMethods,
      secrets: config.stores.secret === 'aws-secrets-manager' ? definition.secrets : [],
      parameters: config.stores.config === 'aws-ssm' ? definition.configs : [],
    }
  }
  const functions = appFunctions(model).map(wire)
  return {
    wiringVersion: 2,
    app: model.name,
    stackName: stackName(model.name),
    runtime: lambda.runtime,
    architecture: lambda.architecture,
    logRetentionDays: lambda.logRetentionDays,
    stateTable: functions.some((f) => f.usesState),
    functions,
    appRoutes: { name: APP_ROUTES_FUNCTION, paths: ['/api/openapi.json', '/healthz'], memoryMb: lambda.memoryMb, timeoutSeconds: lambda.timeoutSeconds },
    otelSettings: config.telemetry.tracing ? OTEL_SETTINGS : [],
  }
}
