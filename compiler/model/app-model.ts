/**
 * The AppModel: everything a target needs to know about an app, found by reading its sources.
 * Plain JSON, sorted, versioned: the single source of truth between analyze and the targets.
 */
import type { SubscriptionFilter } from '../../runtime/service/subscription-filter.ts'

/** The context.states methods; cloud targets grant each its own permission. */
export type StateMethod = 'getState' | 'removeState' | 'setState'

export const APP_MODEL_VERSION = 1

export interface SourceRef {
  /** Path relative to the project root, with forward slashes. */
  file: string
  /** The name the file exports this definition under; null when it is not exported. */
  export: string | null
  line: number
  column: number
}

export interface CommandTarget {
  serviceName: string
  serviceVersion: string
  command: string
}

export interface HttpRouteModel {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Full path as served: /api/v1/users/:userId */
  path: string
  queryParameters: { name: string; required: boolean }[]
  /** Declared public (makeEndpointPublic, disableHttpSecurity, enableHttpSecurity(false)). */
  public: boolean
  /** The app's auth guard runs before it: the app has one and the route is not public. */
  protected: boolean
}

export interface CommandModel {
  name: string
  description: string
  source: SourceRef
  http: HttpRouteModel | null
  successEvent: string | null
  emits: string[]
  invokes: CommandTarget[]
  /** The function may use context.states (read from its source; a function defined elsewhere counts as yes). */
  usesState: boolean
  /** The context.states methods it may call, sorted: read from its source, all three where it cannot be told. */
  stateMethods: StateMethod[]
  /** The names its function passes to context.secrets.getSecret(…): on lambda, the only secrets its role may read. */
  secrets: string[]
  /** The names its function passes to context.configs.getConfig(…): on lambda, the only parameters its role may read. */
  configs: string[]
  /** It sets guard or transform hooks: a function target bundles the code that runs them only then. */
  hooks: boolean
}

export interface SubscriptionModel {
  name: string
  description: string
  source: SourceRef
  event: string
  eventServiceVersion: string | null
  durable: boolean
  /** Every running instance gets each event (never durable then). */
  everyInstance: boolean
  /** filterPrincipalId, filterTenantId, filterSentFrom, filterReceivedBy, filterForMessageType; null without any. */
  filter: SubscriptionFilter | null
  /** adviceAutoacknowledgeMessage: acknowledged on receipt, a failure is not offered again. */
  autoacknowledge: boolean
  outputEvent: string | null
  emits: string[]
  invokes: CommandTarget[]
  /** The function may use context.states (read from its source; a function defined elsewhere counts as yes). */
  usesState: boolean
  /** The context.states methods it may call, sorted: read from its source, all three where it cannot be told. */
  stateMethods: StateMethod[]
  /** The names its function passes to context.secrets.getSecret(…): on lambda, the only secrets its role may read. */
  secrets: string[]
  /** The names its function passes to context.configs.getConfig(…): on lambda, the only parameters its role may read. */
  configs: string[]
  /** It sets guard or transform hooks: a function target bundles the code that runs them only then. */
  hooks: boolean
}

export interface ServiceModel {
  serviceName: string
  serviceVersion: string
  description: string
  builder: SourceRef
  /** The export a runtime entry imports to get the service with all its definitions. */
  entry: SourceRef
  /** Declared with defineResource<'name', Type>(): the entry supplies each from purista.config.ts `resources`. */
  resources: string[]
  commands: CommandModel[]
  subscriptions: SubscriptionModel[]
}

export interface EventModel {
  name: string
  producers: { serviceName: string; serviceVersion: string; target: string; kind: 'success' | 'custom' | 'output' }[]
  consumers: { serviceName: string; serviceVersion: string; target: string }[]
}

export interface AppModel {
  modelVersion: typeof APP_MODEL_VERSION
  name: string
  services: ServiceModel[]
  events: EventModel[]
  /** The module export purista.config.ts names as http.authGuard; null: every route is open. */
  authGuard: { file: string; export: string } | null
}

