import { expect, test } from 'vitest'
import { z } from 'zod'
import { extendApi, ServiceBuilder, collectRoutes, type CommandDefinition } from '../index.ts'
import { validate } from '../core/schema.ts'
import { StatusCode } from '../core/errors.ts'
import { createOpenApiDocument } from './openapi.ts'

const service = new ServiceBuilder({ serviceName: 'Doc', serviceVersion: '1', serviceDescription: '' })

/** The OpenAPI document of one service holding these commands, as /api/openapi.json serves it. */
function documentOf(...commands: { getDefinition(): CommandDefinition }[]): any {
  const definitions = commands.map((c) => c.getDefinition())
  return JSON.parse(JSON.stringify(createOpenApiDocument(collectRoutes([{ info: service.info, commandDefinitions: definitions }]), { title: 't', version: '1' })))
}

const userSchema = extendApi(
  z.object({
    name: extendApi(z.string().min(1), { description: 'the display name', example: 'Ada' }),
  }),
  { title: 'NewUser', description: 'a user to register' },
)

test('extendApi changes nothing about validation', async () => {
  expect(await validate(userSchema, { name: 'Ada' }, 'payload', StatusCode.BadRequest)).toEqual({ name: 'Ada' })
  expect(() => validate(userSchema, { name: '' }, 'payload', StatusCode.BadRequest)).toThrow('invalid payload')
})

test("extendApi's description and example appear in the OpenAPI document, also on nested schemas", () => {
  const register = service.getCommandBuilder('register', '').addPayloadSchema(userSchema).exposeAsHttpEndpoint('POST', 'users').setCommandFunction(async () => undefined)
  const schema = documentOf(register).paths['/api/v1/users'].post.requestBody.content['application/json'].schema
  expect(schema).toMatchObject({ title: 'NewUser', description: 'a user to register', properties: { name: { type: 'string', description: 'the display name', example: 'Ada' } } })
})

test('extendApi takes a list of metadata objects, as PURISTA does, and leaves a schema without .meta() as it is', () => {
  const schema = extendApi(z.string(), [{ description: 'first' }, { example: 'x' }])
  expect(z.toJSONSchema(schema)).toMatchObject({ description: 'first', example: 'x' })
  const plain = { '~standard': { version: 1, vendor: 'test', validate: (value: unknown) => ({ value }) } }
  expect(extendApi(plain, { description: 'ignored' })).toBe(plain)
})

test('a z.undefined() payload means no request body, and an undefined output a 204: the document does not fail', () => {
  const list = service.getCommandBuilder('list', '').addPayloadSchema(z.undefined()).addOutputSchema(z.array(z.string())).exposeAsHttpEndpoint('GET', 'things').setCommandFunction(async () => [])
  const clear = service.getCommandBuilder('clear', '').addPayloadSchema(z.undefined()).addOutputSchema(z.undefined()).exposeAsHttpEndpoint('DELETE', 'things').setCommandFunction(async () => undefined)
  const things = documentOf(list, clear).paths['/api/v1/things']
  expect(things.get.requestBody).toBeUndefined()
  expect(things.get.responses['200'].content['application/json'].schema).toEqual({ type: 'array', items: { type: 'string' } })
  expect(things.delete.requestBody).toBeUndefined()
  expect(Object.keys(things.delete.responses)).toEqual(['204', '400', '500'])
})

test('a schema JSON Schema cannot express is shown as any value with the reason; its siblings are unaffected', () => {
  const schedule = service
    .getCommandBuilder('schedule', '')
    .addPayloadSchema(z.object({ at: z.date() }))
    .addOutputSchema(z.object({ id: z.string() }))
    .exposeAsHttpEndpoint('POST', 'schedules')
    .setCommandFunction(async () => ({ id: '1' }))
  const operation = documentOf(schedule).paths['/api/v1/schedules'].post
  expect(operation.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { description: 'not representable in JSON Schema: Date cannot be represented in JSON Schema' } } } })
  expect(operation.responses['200'].content['application/json'].schema).toMatchObject({ properties: { id: { type: 'string' } } })
})

test('an optional path parameter is documented as two paths, each with required parameters and its own operation id', () => {
  const fooBar = service
    .getCommandBuilder('fooBar', '')
    .addParameterSchema(z.object({ p: z.string(), q: z.coerce.number().optional() }))
    .exposeAsHttpEndpoint('GET', 'foo-bar/:p/:q?')
    .setCommandFunction(async () => undefined)
  const paths = documentOf(fooBar).paths
  expect(Object.keys(paths)).toEqual(['/api/v1/foo-bar/{p}', '/api/v1/foo-bar/{p}/{q}'])
  expect(paths['/api/v1/foo-bar/{p}'].get.operationId).toBe('DocV1_fooBar_without_q')
  expect(paths['/api/v1/foo-bar/{p}'].get.parameters).toEqual([{ name: 'p', in: 'path', required: true, schema: { type: 'string' } }])
  expect(paths['/api/v1/foo-bar/{p}/{q}'].get.operationId).toBe('DocV1_fooBar')
  expect(paths['/api/v1/foo-bar/{p}/{q}'].get.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([['p', true], ['q', true]])
})

test("the builder's OpenAPI methods shape the operation: tags, summary, operation id, error statuses, deprecation", () => {
  const getUser = service
    .getCommandBuilder('getUser', 'reads one user')
    .exposeAsHttpEndpoint('GET', 'users/:id')
    .addOpenApiTags('Users', 'Public')
    .setOpenApiSummary('get a user')
    .setOpenApiOperationId('getUser')
    .addOpenApiErrorStatusCodes(StatusCode.NotFound, StatusCode.Conflict)
    .markAsDeprecated()
    .setCommandFunction(async () => undefined)
  const operation = documentOf(getUser).paths['/api/v1/users/{id}'].get
  expect(operation).toMatchObject({ operationId: 'getUser', summary: 'get a user', description: 'reads one user', tags: ['Users', 'Public'], deprecated: true })
  expect(Object.keys(operation.responses)).toEqual(['200', '400', '404', '409', '500'])
  expect(operation.responses['404']).toEqual({ description: 'Not Found', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
})

test('without them, the operation keeps its defaults', () => {
  const plain = service.getCommandBuilder('plain', 'does it').exposeAsHttpEndpoint('POST', 'plain').setCommandFunction(async () => undefined)
  const operation = documentOf(plain).paths['/api/v1/plain'].post
  expect(operation).toMatchObject({ operationId: 'DocV1_plain', summary: 'does it', tags: ['Doc'] })
  expect(operation).not.toHaveProperty('deprecated')
  expect(operation).not.toHaveProperty('description')
})
