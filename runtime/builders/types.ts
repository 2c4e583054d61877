import type { Address, CommandMessage, EventMessage } from '../core/envelope.ts'
import type { Logger } from '../core/logger.ts'
import type { StandardSchemaV1 } from '../core/schema.ts'
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
  contentType: string
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

/** The context every command and subscription function receives. */
export interface Context<Invokes extends InvokeMap, Emits extends EmitMap, M = CommandMessage | EventMessage> {
  logger: Logger
  message: M
  emit<K extends keyof Emits & string>(eventName: K, payload: Emits[K]): Promise<void>
  service: Invokes
  states: StateStore
  configs: ConfigStore
  secrets: SecretStore
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
  payloadSchema?: StandardSchemaV1
  parameterSchema?: StandardSchemaV1
  outputEventName?: string
  outputSchema?: StandardSchemaV1
  invokes: InvokeTarget[]
  emits: EmitDeclaration[]
  fn: (context: any, payload: any, parameter: any) => Promise<unknown> | unknown
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
