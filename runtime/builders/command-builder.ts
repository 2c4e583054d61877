import type { CommandMessage } from '../core/envelope.ts'
import type { StatusCode } from '../core/errors.ts'
import type { InferInput, InferOutput, StandardSchemaV1 } from '../core/schema.ts'
import type {
  CommandDefinition,
  Context,
  EmitMap,
  HttpMethod,
  InvokeMap,
  OpenApiOperation,
  QueryParameter,
  ServiceInfo,
} from './types.ts'
import type { NotYetCommandMethods } from './not-yet-supported.ts'

type Schema = StandardSchemaV1 | undefined
type In<S> = S extends StandardSchemaV1 ? InferInput<S> : unknown
type Out<S> = S extends StandardSchemaV1 ? InferOutput<S> : unknown
type ParameterOf<S> = S extends StandardSchemaV1 ? InferOutput<S> : Record<string, unknown>

export type CommandFunction<Payload extends Schema, Parameter extends Schema, Output extends Schema, Invokes extends InvokeMap, Emits extends EmitMap> = (
  context: Context<Invokes, Emits, CommandMessage>,
  payload: Out<Payload>,
  parameter: ParameterOf<Parameter>,
) => Promise<In<Output>> | In<Output>

/** What a canInvoke declaration adds to `context.service`. */
export type Invocation<S extends string, V extends string, C extends string, O, P, Q> = {
  [K in S]: { [K2 in V]: { [K3 in C]: (payload: P, parameter?: Q) => Promise<O> } }
}

/** PURISTA's methods purista lacks yet, for the types only: the build reports each call (see not-yet-supported.ts). */
export interface CommandDefinitionBuilder<
  Payload extends Schema = undefined,
  Parameter extends Schema = undefined,
  Output extends Schema = undefined,
  Invokes extends InvokeMap = {},
  Emits extends EmitMap = {},
> extends NotYetCommandMethods {}

/**
 * Collects a command's schemas, exposure and declarations. Each step narrows the types, so the function
 * set last is typed from everything declared before it.
 */
export class CommandDefinitionBuilder<
  Payload extends Schema = undefined,
  Parameter extends Schema = undefined,
  Output extends Schema = undefined,
  Invokes extends InvokeMap = {},
  Emits extends EmitMap = {},
> {
  /** What getDefinition() returns, filled in step by step. */
  readonly #draft: Omit<CommandDefinition, 'fn'> & Partial<Pick<CommandDefinition, 'fn'>>
  #queryParameters: QueryParameter[] = []
  #isPublic = false
  readonly #openApi: OpenApiOperation = { tags: [], errorStatusCodes: [], deprecated: false }

  constructor(
    readonly serviceInfo: ServiceInfo,
    readonly commandName: string,
    commandDescription: string,
  ) {
    this.#draft = { kind: 'command', commandName, commandDescription, invokes: [], emits: [] }
  }

  addPayloadSchema<S extends StandardSchemaV1>(schema: S): CommandDefinitionBuilder<S, Parameter, Output, Invokes, Emits> {
    this.#draft.payloadSchema = schema
    return this as any
  }

  addParameterSchema<S extends StandardSchemaV1>(schema: S): CommandDefinitionBuilder<Payload, S, Output, Invokes, Emits> {
    this.#draft.parameterSchema = schema
    return this as any
  }

  addOutputSchema<S extends StandardSchemaV1>(schema: S): CommandDefinitionBuilder<Payload, Parameter, S, Invokes, Emits> {
    this.#draft.outputSchema = schema
    return this as any
  }

  /** Declares query parameters the HTTP endpoint copies into the parameter object. */
  addQueryParameters(...parameters: QueryParameter[]): this {
    this.#queryParameters.push(...parameters)
    return this
  }

  exposeAsHttpEndpoint(method: HttpMethod, path: string, contentType = 'application/json'): this {
    this.#draft.http = { method, path: path.replace(/^\/+|\/+$/g, ''), contentType, isPublic: false, queryParameters: [], openApi: this.#openApi }
    return this
  }

  makeEndpointPublic(): this {
    this.#isPublic = true
    return this
  }

  /** PURISTA's older name for makeEndpointPublic(); `false` keeps the endpoint protected. */
  disableHttpSecurity(disabled = true): this {
    this.#isPublic = disabled
    return this
  }

  /** Tags of the operation in the OpenAPI document, instead of the service name. */
  addOpenApiTags(...tags: string[]): this {
    this.#openApi.tags.push(...tags)
    return this
  }

  setOpenApiSummary(summary: string): this {
    this.#openApi.summary = summary
    return this
  }

  setOpenApiOperationId(operationId: string): this {
    this.#openApi.operationId = operationId
    return this
  }

  /** Statuses the function may answer with besides 400 and 500 (e.g. a HandledError's 404), for the OpenAPI document. */
  addOpenApiErrorStatusCodes(...codes: StatusCode[]): this {
    this.#openApi.errorStatusCodes.push(...codes)
    return this
  }

  /** Marks the operation deprecated in the OpenAPI document; the endpoint keeps answering. */
  markAsDeprecated(): this {
    this.#openApi.deprecated = true
    return this
  }

  /** The command's output is emitted as this event after every successful call. */
  setSuccessEventName(eventName: string): this {
    this.#draft.successEventName = eventName
    return this
  }

  canInvoke<S extends string, V extends string, C extends string, O extends Schema = undefined, P extends Schema = undefined, Q extends Schema = undefined>(
    serviceName: S,
    serviceVersion: V,
    commandName: C,
    _outputSchema?: O,
    _payloadSchema?: P,
    _parameterSchema?: Q,
  ): CommandDefinitionBuilder<Payload, Parameter, Output, Invokes & Invocation<S, V, C, Out<O>, In<P>, In<Q>>, Emits> {
    this.#draft.invokes.push({ serviceName, serviceVersion, serviceTarget: commandName })
    return this as any
  }

  canEmit<E extends string, S extends Schema = undefined>(
    eventName: E,
    schema?: S,
  ): CommandDefinitionBuilder<Payload, Parameter, Output, Invokes, Emits & { [K in E]: In<S> }> {
    this.#draft.emits.push({ eventName, schema })
    return this as any
  }

  setCommandFunction(fn: CommandFunction<Payload, Parameter, Output, Invokes, Emits>): this {
    this.#draft.fn = fn
    return this
  }

  /** The function as set, for unit tests: call it with getCommandContextMock(…).mock, a payload and a parameter. */
  getCommandFunction(): CommandFunction<Payload, Parameter, Output, Invokes, Emits> {
    // The draft keeps the function loosely typed, as every definition does; setCommandFunction took it typed so.
    return (this.#draft.fn ?? this.#noFunction()) as CommandFunction<Payload, Parameter, Output, Invokes, Emits>
  }

  getDefinition(): CommandDefinition {
    const { http, invokes, emits } = this.#draft
    const fn = this.#draft.fn ?? this.#noFunction()
    const openApi = { ...this.#openApi, tags: [...this.#openApi.tags], errorStatusCodes: [...this.#openApi.errorStatusCodes] }
    return { ...this.#draft, fn, http: http && { ...http, isPublic: this.#isPublic, queryParameters: [...this.#queryParameters], openApi }, invokes: [...invokes], emits: [...emits] }
  }

  #noFunction(): never {
    throw new Error(`command ${this.serviceInfo.serviceName}.${this.commandName} has no function: call setCommandFunction()`)
  }
}
