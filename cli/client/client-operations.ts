import type { ExposedCommand, OpenApiDocument, OpenApiOperation } from './describe-routes.ts'

/** What the generated client needs to know to call one command, its schemas as JSON Schema. */
export interface ClientOperation {
  serviceName: string
  serviceVersion: string
  commandName: string
  description: string
  method: string
  /** The OpenAPI path, whose {name} parts are filled from the parameter: /api/v1/users/{userId} */
  pathTemplate: string
  /** The parameter's members sent in the query string; the others are path parameters. */
  queryParameters: string[]
  /** The request body; undefined when the command declares no payload (or takes none, as a GET). */
  payloadSchema?: object
  /** True when the body may be left out. */
  payloadOptional: boolean
  /** One object of the path and query parameters; undefined when the route has none. */
  parameterSchema?: object
  /** True when the parameter object may be left out: nothing in it is required. */
  parameterOptional: boolean
  outputSchema: object
}

/**
 * A schema that says nothing (a command without output schema) means any value; json-schema-to-typescript
 * reads `{}` as an open object, so its `tsType` keyword says `unknown` instead.
 */
const ANY_VALUE = { tsType: 'unknown' }

const isUnconstrained = (schema: object | undefined) => !schema || Object.keys(schema).length === 0

/** A success that is documented as 204 only carries no value. */
const NO_CONTENT = { tsType: 'undefined' }

/** The operations of the client, ordered by service, version and command so that the output is stable. */
export function toClientOperations(commands: ExposedCommand[]): ClientOperation[] {
  return commands.map(toClientOperation).sort((a, b) => order(a).localeCompare(order(b)))
}

const order = (o: ClientOperation) => [o.serviceName, o.serviceVersion.padStart(8, '0'), o.commandName].join('\0')

function toClientOperation(command: ExposedCommand): ClientOperation {
  const [pathTemplate, operations] = longestPath(command.openApi.paths)
  const [method, operation] = Object.entries(operations)[0]!
  const parameters = (operation.parameters ?? []).map((p) => ({ ...p, required: p.required && isInEveryPath(command.openApi.paths, p.name, p.in) }))
  const output = jsonContent(operation.responses['200']?.content)
  const payloadSchema = jsonContent(operation.requestBody?.content)
  return {
    serviceName: command.serviceName,
    serviceVersion: command.serviceVersion,
    commandName: command.commandName,
    description: command.description,
    method: method.toUpperCase(),
    pathTemplate,
    queryParameters: parameters.filter((p) => p.in === 'query').map((p) => p.name),
    payloadSchema,
    payloadOptional: !!payloadSchema && operation.requestBody?.required === false,
    parameterSchema: parameters.length ? parameterObject(parameters) : undefined,
    parameterOptional: !parameters.some((p) => p.required),
    outputSchema: !operation.responses['200'] && operation.responses['204'] ? NO_CONTENT : isUnconstrained(output) ? ANY_VALUE : output!,
  }
}

/*
 * OpenAPI has no optional path parameters: a route whose last segments are optional (users/:id?)
 * is documented once per path it serves. The client calls the longest, leaving out the trailing
 * segments whose parameter is not given, and a parameter missing from some path is optional.
 */
const longestPath = (paths: OpenApiDocument['paths']) => Object.entries(paths).reduce((a, b) => (b[0].split('/').length > a[0].split('/').length ? b : a))

const isInEveryPath = (paths: OpenApiDocument['paths'], name: string, location: string) =>
  Object.values(paths).every((operations) => Object.values(operations).some((o) => o.parameters?.some((p) => p.name === name && p.in === location)))

const jsonContent = (content: Record<string, { schema: object }> | undefined) => content?.['application/json']?.schema

/** OpenAPI lists parameters one by one; the command takes them as one object. */
function parameterObject(parameters: NonNullable<OpenApiOperation['parameters']>): object {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  }
}
