import type { StandardSchemaV1 } from '../core/schema.ts'
import type { HttpRoute } from './routes.ts'

/** Standard JSON Schema (standardschema.dev): zod 4 and others convert themselves; we never hand-convert. */
interface JsonSchemaCapable {
  '~standard': { jsonSchema?: { input(o: { target: string }): object; output(o: { target: string }): object } }
}

const TARGET = { target: 'draft-2020-12' }

function jsonSchema(schema: StandardSchemaV1 | undefined, side: 'input' | 'output'): object | undefined {
  const converter = (schema as unknown as JsonSchemaCapable | undefined)?.['~standard'].jsonSchema
  if (!converter) return undefined
  const { $schema: _drop, ...rest } = converter[side](TARGET) as Record<string, unknown>
  return rest
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })

/** An OpenAPI 3.1 document for the exposed commands, built from their schemas. */
export function createOpenApiDocument(routes: HttpRoute[], info: { title: string; version: string }): object {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const { command, http } = route
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}')
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
    const parameterSchema = jsonSchema(command.parameterSchema, 'input') as { properties?: Record<string, object> } | undefined
    const body = jsonSchema(command.payloadSchema, 'input')
    const output = jsonSchema(command.outputSchema, 'output')
    const parameters = [
      ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: parameterSchema?.properties?.[name] ?? { type: 'string' } })),
      ...http.queryParameters.map((q) => ({ name: q.name, in: 'query', required: q.required, schema: parameterSchema?.properties?.[q.name] ?? { type: 'string' } })),
    ]
    ;(paths[openApiPath] ??= {})[route.method.toLowerCase()] = {
      operationId: `${route.service.serviceName}V${route.service.serviceVersion}_${command.commandName}`,
      summary: command.commandDescription,
      tags: [route.service.serviceName],
      ...(parameters.length && { parameters }),
      ...(body && route.method !== 'GET' && { requestBody: { required: true, content: { [http.contentType]: { schema: body } } } }),
      responses: {
        '200': { description: 'success', content: { 'application/json': { schema: output ?? {} } } },
        '400': problemResponse('invalid payload or parameter'),
        '500': problemResponse('internal error'),
      },
    }
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            traceId: { type: 'string' },
            issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
          required: ['type', 'title', 'status', 'traceId'],
        },
      },
    },
  }
}
