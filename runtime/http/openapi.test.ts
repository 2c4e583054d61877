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
