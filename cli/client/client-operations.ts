import type { ExposedCommand, OpenApiOperation } from './describe-routes.ts'

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

/** The operations of the client, ordered by service, version and command so that the output is stable. */
export function toClientOperations(commands: ExposedCommand[]): ClientOperation[] {
  return commands.map(toClientOperation).sort((a, b) => order(a).localeCompare(order(b)))
}

const order = (o: ClientOperation) => [o.serviceName, o.serviceVersion.padStart(8, '0'), o.commandName].join('\0')

function toClientOperation(command: ExposedCommand): ClientOperation {
  const [pathTemplate, operations] = Object.entries(command.openApi.paths)[0]!
  const [method, operation] = Object.entries(operations)[0]!
  const parameters = operation.parameters ?? []
  const output = jsonContent(operation.responses['200']?.content)
  return {
    serviceName: command.serviceName,
    serviceVersion: command.serviceVersion,
    commandName: command.commandName,
    description: command.description,
    method: method.toUpperCase(),
    pathTemplate,
    queryParameters: parameters.filter((p) => p.in === 'query').map((p) => p.name),
    payloadSchema: jsonContent(operation.requestBody?.content),
    parameterSchema: parameters.length ? parameterObject(parameters) : undefined,
    parameterOptional: !parameters.some((p) => p.required),
    outputSchema: isUnconstrained(output) ? ANY_VALUE : output!,
  }
}

const jsonContent = (content: Record<string, { schema: object }> | undefined) => content?.['application/json']?.schema

/** OpenAPI lists parameters one by one; the command takes them as one object. */
function parameterObject(parameters: NonNullable<OpenApiOperation['parameters']>): object {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  }
}
