import { defaultMessage } from '../core/errors.ts'
import type { StandardSchemaV1 } from '../core/schema.ts'
import { bracedPath, pathParameters, pathVariants } from './route-path.ts'
import type { HttpRoute } from './routes.ts'

/** Standard JSON Schema (standardschema.dev): zod 4 and others convert themselves; we never hand-convert. */
interface JsonSchemaCapable {
  '~standard': { jsonSchema?: { input(o: { target: string }): object; output(o: { target: string }): object } }
}

const TARGET = { target: 'draft-2020-12' }

/** How a schema appears in the document. */
type Described =
  /** No schema, or one that cannot convert itself (zod 3): the document says nothing about it. */
  | { kind: 'unknown' }
  /** Only undefined is valid: no request body, no response content (a GET command's `z.undefined()` payload). */
  | { kind: 'undefined' }
  | { kind: 'schema'; schema: Record<string, unknown>; optional: boolean }

/**
 * A schema as JSON Schema, for the document only. The conversion throws on what JSON Schema cannot
 * express (undefined, dates, functions, the output of transforms …): such a schema is shown as any
 * value, with a note saying why, so that one schema never takes the whole document down.
 */
function describeSchema(schema: StandardSchemaV1 | undefined, side: 'input' | 'output'): Described {
  const converter = (schema as unknown as JsonSchemaCapable | undefined)?.['~standard'].jsonSchema
  if (!schema || !converter) return { kind: 'unknown' }
  const optional = acceptsUndefined(schema)
  try {
    const { $schema: _drop, ...rest } = converter[side](TARGET) as Record<string, unknown>
    return { kind: 'schema', schema: rest, optional }
  } catch (error) {
    if (optional) return { kind: 'undefined' }
    return { kind: 'schema', schema: { description: `not representable in JSON Schema: ${error instanceof Error ? error.message : String(error)}` }, optional }
  }
}

/** Whether the schema takes a missing value (checked only where the answer comes synchronously). */
function acceptsUndefined(schema: StandardSchemaV1): boolean {
  try {
    const result = schema['~standard'].validate(undefined)
    return !(result instanceof Promise) && !result.issues
  } catch {
    return false
  }
}

const schemaOf = (described: Described) => (described.kind === 'schema' ? described.schema : undefined)

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })

/** How the app's auth guard reads its caller, for the document's security scheme. */
export interface OpenApiSecurity {
  scheme: 'bearer' | 'basic'
}

const SECURITY_SCHEME = 'authGuard'

/**
 * The document an app serves at /api/openapi.json, titled by the app's name. Every target serves
 * this one: the servers build it at run time, the function targets at build time (compiler/openapi).
 */
export const appOpenApiDocument = (routes: HttpRoute[], title: string, authScheme: OpenApiSecurity['scheme'] | undefined): object =>
  createOpenApiDocument(routes, { title, version: '1' }, authScheme && { scheme: authScheme })

/**
 * An OpenAPI 3.1 document for the exposed commands, built from their schemas. With an auth guard,
 * the document has its security scheme and every protected operation requires it (public ones say
 * they require nothing), with the 401 and 403 the guard answers.
 */
export function createOpenApiDocument(routes: HttpRoute[], info: { title: string; version: string }, security?: OpenApiSecurity): object {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const { command, http } = route
    // What travels over HTTP: with transforms, their schemas describe the request and the answer.
    const { transformInput, transformOutput } = command.hooks ?? {}
    const parameterSchema = schemaOf(describeSchema(transformInput?.parameterSchema ?? command.parameterSchema, 'input')) as { properties?: Record<string, object> } | undefined
    const body = route.method === 'GET' ? ({ kind: 'unknown' } as const) : describeSchema(transformInput?.payloadSchema ?? command.payloadSchema, 'input')
    const output = describeSchema(transformOutput?.schema ?? command.outputSchema, 'output')
    const query = http.queryParameters.map((q) => ({ name: q.name, in: 'query', required: q.required, schema: parameterSchema?.properties?.[q.name] ?? { type: 'string' } }))
    const { openApi } = http
    const operationId = openApi.operationId ?? `${route.service.serviceName}V${route.service.serviceVersion}_${command.commandName}`
    const isProtected = !!security && !http.isPublic
    const errorStatusCodes = isProtected ? [401, 403, ...openApi.errorStatusCodes] : openApi.errorStatusCodes
    const errorResponses = Object.fromEntries(errorStatusCodes.map((status) => [String(status), problemResponse(defaultMessage(status))]))
    const operationSecurity = security && { security: isProtected ? [{ [SECURITY_SCHEME]: [] }] : [] }
    // OpenAPI path parameters are always required: a route with optional ones is documented once per path it serves.
    for (const path of pathVariants(route.path)) {
      const pathParams = pathParameters(path).map(({ name }) => ({ name, in: 'path', required: true, schema: parameterSchema?.properties?.[name] ?? { type: 'string' } }))
      const omitted = pathParameters(route.path).slice(pathParams.length).map((p) => p.name)
      const parameters = [...pathParams, ...query]
      ;(paths[bracedPath(path)] ??= {})[route.method.toLowerCase()] = {
        // Operation ids are unique in a document: the shorter paths say which parameters they leave out.
        operationId: omitted.length ? `${operationId}_without_${omitted.join('_')}` : operationId,
        summary: openApi.summary ?? command.commandDescription,
        ...(openApi.summary && command.commandDescription && { description: command.commandDescription }),
        tags: openApi.tags.length ? openApi.tags : [route.service.serviceName],
        ...(openApi.deprecated && { deprecated: true }),
        ...(parameters.length && { parameters }),
        ...(body.kind === 'schema' && { requestBody: { required: !body.optional, content: { [http.contentType]: { schema: body.schema } } } }),
        ...operationSecurity,
        responses: {
          ...(output.kind === 'undefined'
            ? { '204': { description: 'success, no content' } }
            : { '200': { description: 'success', content: { [http.responseContentType]: { schema: schemaOf(output) ?? {} } } } }),
          '400': problemResponse('invalid payload or parameter'),
          ...errorResponses,
          '500': problemResponse('internal error'),
        },
      }
    }
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      ...(security && { securitySchemes: { [SECURITY_SCHEME]: { type: 'http', scheme: security.scheme } } }),
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
