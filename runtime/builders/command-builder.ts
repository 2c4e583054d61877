import type { CommandMessage } from '../core/envelope.ts'
import type { StatusCode } from '../core/errors.ts'
import type { InferInput, InferOutput, StandardSchemaV1 } from '../core/schema.ts'
import type { CommandAfterGuardHook, CommandBeforeGuardHook, CommandTransformInputHook, CommandTransformOutputHook } from './command-hook-types.ts'
import type {
  CommandDefinition,
  CommandHooks,
  Context,
  EmitMap,
  HttpMethod,
  InvokeMap,
  OpenApiOperation,
  QueryParameter,
  ResourceMap,
  ServiceInfo,
} from './types.ts'
import type { ServiceThis } from '../service/function-this.ts'
import type { CommandContextMockInput, ContextMock } from '../testing/context-mock.ts'
import type { StubSandbox } from '../testing/sandbox.ts'

type Schema = StandardSchemaV1 | undefined
type In<S> = S extends StandardSchemaV1 ? InferInput<S> : unknown
type Out<S> = S extends StandardSchemaV1 ? InferOutput<S> : unknown
type ParameterOf<S> = S extends StandardSchemaV1 ? InferOutput<S> : Record<string, unknown>

/**
 * A command's function. Written with `function`, its `this` is the service, as in PURISTA
 * (`this.config`, `this.logger`, `this.getTracer()`); `this.config` is typed by the service's
 * setConfigSchema.
 */
export type CommandFunction<Payload extends Schema, Parameter extends Schema, Output extends Schema, Invokes extends InvokeMap, Emits extends EmitMap, Resources extends ResourceMap = {}, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<Invokes, Emits, CommandMessage, Resources>,
  payload: Out<Payload>,
  parameter: ParameterOf<Parameter>,
) => Promise<In<Output>> | In<Output>

/** What a canInvoke declaration adds to `context.service`. */
export type Invocation<S extends string, V extends string, C extends string, O, P, Q> = {
  [K in S]: { [K2 in V]: { [K3 in C]: (payload: P, parameter?: Q) => Promise<O> } }
}

export interface CommandDefinitionBuilder<
  Payload extends Schema = undefined,
  Parameter extends Schema = undefined,
  Output extends Schema = undefined,
  Invokes extends InvokeMap = {},
  Emits extends EmitMap = {},
  Resources extends ResourceMap = {},
  Config = Record<string, any>,
> {
  // For unit tests: getCommandContextMock on the builder, as PURISTA's tests call it (put there by runtime/testing/builder-mocks.ts).
  /** PURISTA 1's form: `getCommandContextMock(payload, parameter, sandbox)`. */
  getCommandContextMock(payload: Out<Payload>, parameter: ParameterOf<Parameter>, sandbox?: StubSandbox): ContextMock<CommandMessage, keyof Emits & string>
  // Declared last: Parameters<> of the method, as createCommandContextMock reads it, is this form's.
  getCommandContextMock(input?: CommandContextMockInput<Out<Payload>, ParameterOf<Parameter>, keyof Emits & string>): ContextMock<CommandMessage, keyof Emits & string>
}

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
  Resources extends ResourceMap = {},
  Config = Record<string, any>,
> {
  /** What getDefinition() returns, filled in step by step. */
  readonly #draft: Omit<CommandDefinition, 'fn'> & Partial<Pick<CommandDefinition, 'fn'>>
  #queryParameters: QueryParameter[] = []
  #isPublic = false
  /** Media types from addPayloadSchema / addOutputSchema / the transforms; exposeAsHttpEndpoint's own win. */
  #contentTypes: { request?: string; response?: string; exposedRequest?: string; exposedResponse?: string } = {}
  readonly #hooks: CommandHooks = { beforeGuards: {}, afterGuards: {} }
  readonly #openApi: OpenApiOperation = { tags: [], errorStatusCodes: [], deprecated: false }

  constructor(
    readonly serviceInfo: ServiceInfo,
    readonly commandName: string,
    commandDescription: string,
  ) {
    this.#draft = { kind: 'command', commandName, commandDescription, invokes: [], emits: [] }
  }

  /** The content type, if given, is the HTTP request body's (see exposeAsHttpEndpoint); bodies are read as UTF-8. */
  addPayloadSchema<S extends StandardSchemaV1>(schema: S, contentType?: string, _contentEncoding?: string): CommandDefinitionBuilder<S, Parameter, Output, Invokes, Emits, Resources, Config> {
    this.#draft.payloadSchema = schema
    this.#contentTypes.request = contentType ?? this.#contentTypes.request
    return this as any
  }

  addParameterSchema<S extends StandardSchemaV1>(schema: S): CommandDefinitionBuilder<Payload, S, Output, Invokes, Emits, Resources, Config> {
    this.#draft.parameterSchema = schema
    return this as any
  }

  /** The content type, if given, is the HTTP response's (see exposeAsHttpEndpoint). */
  addOutputSchema<S extends StandardSchemaV1>(schema: S, contentType?: string, _contentEncoding?: string): CommandDefinitionBuilder<Payload, Parameter, S, Invokes, Emits, Resources, Config> {
    this.#draft.outputSchema = schema
    this.#contentTypes.response = contentType ?? this.#contentTypes.response
    return this as any
  }

  /** Declares query parameters the HTTP endpoint copies into the parameter object. */
  addQueryParameters(...parameters: QueryParameter[]): this {
    this.#queryParameters.push(...parameters)
    return this
  }

  /**
   * Serves the command at /api/v{serviceVersion}/{path}. The request body is read as contentTypeRequest
   * says (default: the payload's or input transform's content type, else JSON) and the answer sent as
   * contentTypeResponse says; encodings are UTF-8, whatever is passed.
   */
  exposeAsHttpEndpoint(method: HttpMethod, path: string, contentTypeRequest?: string, _contentEncodingRequest?: string, contentTypeResponse?: string, _contentEncodingResponse?: string): this {
    // The content types and the security are settled in getDefinition(), whatever order the calls came in.
    this.#draft.http = { method, path: path.replace(/^\/+|\/+$/g, ''), contentType: '', responseContentType: '', isPublic: false, queryParameters: [], openApi: this.#openApi }
    this.#contentTypes.exposedRequest = contentTypeRequest
    this.#contentTypes.exposedResponse = contentTypeResponse
    return this
  }

  /** Puts the endpoint behind the app's auth guard (purista.config.ts http.authGuard), as it is by default; `false` makes it public. */
  enableHttpSecurity(enabled = true): this {
    this.#isPublic = !enabled
    return this
  }

  /** Served without the app's auth guard. */
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

  /**
   * PURISTA's delivery advice for commands (acknowledge on arrival, or let the broker redeliver a
   * command whose run failed). It changes nothing here: every bridge acknowledges a command once it
   * has answered it, with its result or its error (a failed run is an error answer, not a
   * redelivery). The build warns where it is called (ignored-on-target).
   */
  adviceAutoacknowledgeMessages(_acknowledge = true): this {
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
  ): CommandDefinitionBuilder<Payload, Parameter, Output, Invokes & Invocation<S, V, C, Out<O>, In<P>, In<Q>>, Emits, Resources, Config> {
    this.#draft.invokes.push({ serviceName, serviceVersion, serviceTarget: commandName })
    return this as any
  }

  canEmit<E extends string, S extends Schema = undefined>(
    eventName: E,
    schema?: S,
  ): CommandDefinitionBuilder<Payload, Parameter, Output, Invokes, Emits & { [K in E]: In<S> }, Resources, Config> {
    this.#draft.emits.push({ eventName, schema })
    return this as any
  }

  /**
   * Checks run after the input is validated and before the function, all at once; one that throws
   * (e.g. HandledError(StatusCode.Forbidden)) answers the call with its error. Adds to the ones set before.
   */
  setBeforeGuardHooks(guards: Record<string, CommandBeforeGuardHook<Out<Payload>, ParameterOf<Parameter>, Invokes, Emits, Config>>): this {
    Object.assign(this.#hooks.beforeGuards, guards)
    return this
  }

  /** Checks of the validated output, run all at once before it is answered. Adds to the ones set before. */
  setAfterGuardHooks(guards: Record<string, CommandAfterGuardHook<Out<Output>, Out<Payload>, ParameterOf<Parameter>, Invokes, Emits, Config>>): this {
    Object.assign(this.#hooks.afterGuards, guards)
    return this
  }

  // The getters, like getCommandFunction, hand out the hooks callable unbound, for tests that never read `this`.
  getBeforeGuardHook(name: string): OmitThisParameter<CommandBeforeGuardHook<Out<Payload>, ParameterOf<Parameter>, Invokes, Emits, Config>> | undefined {
    return this.#hooks.beforeGuards[name]
  }

  getAfterGuardHook(name: string): OmitThisParameter<CommandAfterGuardHook<Out<Output>, Out<Payload>, ParameterOf<Parameter>, Invokes, Emits, Config>> | undefined {
    return this.#hooks.afterGuards[name]
  }

  /**
   * Turns what arrives (say a text/plain body, or form fields) into the command's input: the message's
   * payload and parameter are validated with these schemas, the function returns what the command's
   * own payload and parameter schemas then validate. The content type is the HTTP request body's.
   */
  setTransformInput<P extends StandardSchemaV1, Q extends StandardSchemaV1>(
    payloadSchema: P,
    parameterSchema: Q,
    fn: CommandTransformInputHook<InferOutput<P>, InferOutput<Q>, In<Payload>, In<Parameter>, Config>,
    contentType?: string,
    _contentEncoding?: string,
  ): this {
    this.#hooks.transformInput = { payloadSchema, parameterSchema, fn }
    this.#contentTypes.request = contentType ?? this.#contentTypes.request
    return this
  }

  /**
   * Turns the validated output into the answer (and the success event), which the schema validates.
   * The content type is the HTTP response's: anything but JSON is sent as the answer's text.
   */
  setTransformOutput<S extends StandardSchemaV1>(schema: S, fn: CommandTransformOutputHook<Out<Output>, ParameterOf<Parameter>, InferInput<S>, Config>, contentType?: string, _contentEncoding?: string): this {
    this.#hooks.transformOutput = { schema, fn }
    this.#contentTypes.response = contentType ?? this.#contentTypes.response
    return this
  }

  // The hooks are kept loosely typed, as every definition is; the setters took them typed so.
  getTransformInputFunction(): OmitThisParameter<CommandTransformInputHook<unknown, unknown, In<Payload>, In<Parameter>, Config>> | undefined {
    return this.#hooks.transformInput?.fn as OmitThisParameter<CommandTransformInputHook<unknown, unknown, In<Payload>, In<Parameter>, Config>> | undefined
  }

  getTransformOutputFunction(): OmitThisParameter<CommandTransformOutputHook<Out<Output>, ParameterOf<Parameter>, unknown, Config>> | undefined {
    return this.#hooks.transformOutput?.fn
  }

  setCommandFunction(fn: CommandFunction<Payload, Parameter, Output, Invokes, Emits, Resources, Config>): this {
    this.#draft.fn = fn
    return this
  }

  /**
   * The function as set, for unit tests: call it with getCommandContextMock(…).mock, a payload and a
   * parameter; one that uses `this` is bound first, `safeBind(fn, service)`, as PURISTA tests do.
   */
  getCommandFunction(): OmitThisParameter<CommandFunction<Payload, Parameter, Output, Invokes, Emits, Resources, Config>> {
    // The draft keeps the function loosely typed, as every definition does; setCommandFunction took it typed so.
    return (this.#draft.fn ?? this.#noFunction()) as OmitThisParameter<CommandFunction<Payload, Parameter, Output, Invokes, Emits, Resources, Config>>
  }

  getDefinition(): CommandDefinition {
    const { http, invokes, emits } = this.#draft
    const fn = this.#draft.fn ?? this.#noFunction()
    const openApi = { ...this.#openApi, tags: [...this.#openApi.tags], errorStatusCodes: [...this.#openApi.errorStatusCodes] }
    const types = this.#contentTypes
    const exposure = http && {
      ...http,
      contentType: types.exposedRequest ?? types.request ?? 'application/json',
      responseContentType: types.exposedResponse ?? types.response ?? 'application/json',
      isPublic: this.#isPublic,
      queryParameters: [...this.#queryParameters],
      openApi,
    }
    return { ...this.#draft, fn, http: exposure, invokes: [...invokes], emits: [...emits], ...this.#definedHooks() }
  }

  /** The hooks, only if any is set: a command without them keeps the short pipeline. */
  #definedHooks(): { hooks?: CommandHooks } {
    const { transformInput, transformOutput, beforeGuards, afterGuards } = this.#hooks
    const some = transformInput || transformOutput || Object.keys(beforeGuards).length || Object.keys(afterGuards).length
    return some ? { hooks: { transformInput, transformOutput, beforeGuards: { ...beforeGuards }, afterGuards: { ...afterGuards } } } : {}
  }

  #noFunction(): never {
    throw new Error(`command ${this.serviceInfo.serviceName}.${this.commandName} has no function: call setCommandFunction()`)
  }
}
