import { describe, expect, test } from 'vitest'
import { toClientOperations } from './client-operations.ts'
import type { ExposedCommand } from './describe-routes.ts'

const exposed = (serviceName: string, commandName: string, path: string, method: string, operation: object): ExposedCommand => ({
  serviceName,
  serviceVersion: '1',
  commandName,
  description: commandName,
  openApi: { paths: { [path]: { [method]: { responses: {}, ...operation } } } },
})

describe('toClientOperations', () => {
  test('path and query parameters become one parameter object, optional when nothing in it is required', () => {
    const [operation] = toClientOperations([
      exposed('Catalog', 'listProducts', '/api/v1/products/{shop}', 'get', {
        parameters: [
          { name: 'shop', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
        ],
      }),
    ])
    expect(operation).toMatchObject({
      method: 'GET',
      pathTemplate: '/api/v1/products/{shop}',
      queryParameters: ['limit'],
      parameterSchema: { type: 'object', properties: { shop: { type: 'string' }, limit: { type: 'integer' } }, required: ['shop'] },
      parameterOptional: false,
      payloadSchema: undefined,
    })
  })

  test('the JSON body is the payload, the 200 answer the output; no output schema means any value', () => {
    const body = { type: 'object', properties: { name: { type: 'string' } } }
    const [withOutput, without] = toClientOperations([
      exposed('User', 'a', '/api/v1/users', 'post', {
        requestBody: { content: { 'application/json': { schema: body } } },
        responses: { '200': { content: { 'application/json': { schema: { type: 'string' } } } } },
      }),
      exposed('User', 'b', '/api/v1/other', 'delete', { responses: { '200': { content: { 'application/json': { schema: {} } } } } }),
    ])
    expect(withOutput).toMatchObject({ payloadSchema: body, outputSchema: { type: 'string' }, parameterSchema: undefined })
    expect(without).toMatchObject({ payloadSchema: undefined, outputSchema: { tsType: 'unknown' } })
  })

  test('a route with optional last segments, documented once per path, is called at its longest path with those parameters optional', () => {
    const folder = { name: 'folder', in: 'path', required: true, schema: { type: 'string' } }
    const name = { name: 'name', in: 'path', required: true, schema: { type: 'string' } }
    const [operation] = toClientOperations([
      {
        ...exposed('Files', 'list', '/api/v1/files/{folder}', 'get', { parameters: [folder] }),
        openApi: { paths: { '/api/v1/files/{folder}': { get: { parameters: [folder], responses: {} } }, '/api/v1/files/{folder}/{name}': { get: { parameters: [folder, name], responses: {} } } } },
      } as ExposedCommand,
    ])
    expect(operation).toMatchObject({ pathTemplate: '/api/v1/files/{folder}/{name}', parameterSchema: { required: ['folder'] }, parameterOptional: false })
  })

  test('a body the operation does not require makes the payload optional', () => {
    const [operation] = toClientOperations([exposed('User', 'a', '/a', 'post', { requestBody: { required: false, content: { 'application/json': { schema: { type: 'string' } } } } })])
    expect(operation).toMatchObject({ payloadSchema: { type: 'string' }, payloadOptional: true })
  })

  test('a success documented as 204 only is undefined', () => {
    const [operation] = toClientOperations([exposed('User', 'a', '/a', 'delete', { responses: { '204': {} } })])
    expect(operation!.outputSchema).toEqual({ tsType: 'undefined' })
  })

  test('ordered by service, version and command, whatever order the services were loaded in', () => {
    const operations = toClientOperations([exposed('User', 'b', '/b', 'get', {}), exposed('Email', 'z', '/z', 'get', {}), exposed('User', 'a', '/a', 'get', {})])
    expect(operations.map((o) => `${o.serviceName}.${o.commandName}`)).toEqual(['Email.z', 'User.a', 'User.b'])
  })
})
