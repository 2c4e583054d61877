import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import type { Logger } from '../core/logger.ts'
import type { StandardSchemaV1 } from '../core/schema.ts'
import type { SubscriptionFilter } from '../service/subscription-filter.ts'
import type { ConfigStore, SecretStore, StateStore } from '../stores/types.ts'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface QueryParameter {
  name: string
  required: boolean
}

export interface HttpExposure {
  method: HttpMethod
  /** Relative to /api/v{serviceVersion}/, with `:name` path parameters and optional last `:name?` ones. */
  path: string
  /** The request body's media type: JSON is parsed, form fields become an object, anything else arrives as text. */
  contentType: string
  /** The answer's media type: JSON is serialized, anything else is sent as the output's text. */
  responseContentType: string
  /** Served without the app's auth guard (makeEndpointPublic); without a guard every endpoint is open. */
  isPublic: boolean
  queryParameters: QueryParameter[]
  openApi: OpenApiOperation
}

/** What the builder's OpenAPI methods add to the command's operation in /api/openapi.json. */
export interface OpenApiOperation {
  /** addOpenApiTags; none means the service name. */
  tags: string[]
  /** setOpenApiSummary; none means the command description. */
  summary?: string
  operationId?: string
  /** addOpenApiErrorStatusCodes: answers beyond 400 and 500, documented as problem+json. */
  errorStatusCodes: number[]
  deprecated: boolean
}

export interface InvokeTarget {
  serviceName: string
  serviceVersion: string
  serviceTarget: string
}

export interface EmitDeclaration {
  eventName: string
  schema?: StandardSchemaV1
}

/** What `context.service.X['1'].y` looks like for the commands a function declared with canInvoke. */
export type InvokeMap = Record<string, Record<string, Record<string, (payload: any, parameter?: any) => Promise<any>>>>
export type EmitMap = Record<string, unknown>
/** What the service declared with defineResource<'db', Db>(): context.resources.db is a Db. */
export type ResourceMap = Record<string, unknown>

/** The context every command and subscription function receives. */
export interface Context<Invokes extends InvokeMap, Emits extends EmitMap, M = CommandMessage | EventMessage, Resources extends ResourceMap = {}> {
  logger: Logger
  message: M
  emit<K extends keyof Emits & string>(eventName: K, payload: Emits[K]): Promise<void>
  service: Invokes
  states: StateStore
  configs: ConfigStore
  secrets: SecretStore
  /** The values the app supplies for the service's defineResource declarations, made once per process. */
  resources: Resources
}

export interface CommandDefinition {
  kind: 'command'
  commandName: string
  commandDescription: string
  payloadSchema?: StandardSchemaV1
  parameterSchema?: StandardSchemaV1
  outputSchema?: StandardSchemaV1
  http?: HttpExposure
  successEventName?: string
  invokes: InvokeTarget[]
  emits: EmitDeclaration[]
  fn: (context: any, payload: any, parameter: any) => Promise<unknown> | unknown
  /** Only when the builder set a guard or a transform: a command without runs the short pipeline. */
  hooks?: CommandHooks
}

/** PURISTA's command hooks, in the order they run around the function (see runtime/service/command-hooks.ts). */
export interface CommandHooks {
  /** Validates the message's payload and parameter with its own schemas, then turns them into the function's input. */
  transformInput?: { payloadSchema: StandardSchemaV1; parameterSchema: StandardSchemaV1; fn: (context: any, payload: any, parameter: any) => Promise<{ payload: unknown; parameter: unknown }> }
  /** Run together after the input is validated; one that throws stops the call. */
  beforeGuards: Record<string, (context: any, payload: any, parameter: any) => Promise<void> | void>
  /** Run together after the output is validated. */
  afterGuards: Record<string, (context: any, output: any, payload: any, parameter: any) => Promise<void> | void>
  /** Turns the validated output into the answer, which its schema then validates. */
  transformOutput?: { schema: StandardSchemaV1; fn: (context: any, output: any, parameter: any) => Promise<unknown> | unknown }
}

export interface SubscriptionDefinition {
  kind: 'subscription'
  subscriptionName: string
  subscriptionDescription: string
  eventName: string
  /** Only events sent by this version of a service, when set. */
  eventServiceVersion?: string
  durable: boolean
  /** Every running instance gets each event, instead of one instance per service. */
  everyInstance: boolean
  /** Only events matching these fields of the envelope; absent when nothing but name and version is asked for. */
  filter?: SubscriptionFilter
  /** Acknowledged on receipt, so a failure is not offered again (where the broker redelivers at all). */
  autoacknowledge: boolean
  payloadSchema?: StandardSchemaV1
  parameterSchema?: StandardSchemaV1
  outputEventName?: string
  outputSchema?: StandardSchemaV1
  invokes: InvokeTarget[]
  emits: EmitDeclaration[]
  fn: (context: any, payload: any, parameter: any) => Promise<unknown> | unknown
  /** Only when the builder set a guard or a transform: a subscription without runs the short pipeline. */
  hooks?: SubscriptionHooks
}

/** PURISTA's subscription hooks: a command's, except that an after guard gets the output and the parameter only. */
export interface SubscriptionHooks extends Omit<CommandHooks, 'afterGuards'> {
  afterGuards: Record<string, (context: any, output: any, parameter: any) => Promise<void> | void>
}

export interface ServiceInfo {
  serviceName: string
  serviceVersion: string
  serviceDescription: string
}

/** PURISTA's names for these types, as its apps import them. */
export type ServiceInfoType = ServiceInfo
/** The type parameter (PURISTA's service class) is accepted and has no meaning here. */
export type CommandDefinitionList<_Service = unknown> = CommandDefinition[]
export type SubscriptionDefinitionList<_Service = unknown> = SubscriptionDefinition[]

export type { Address }
