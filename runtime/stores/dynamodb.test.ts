import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamo, stateTable, type LocalDynamo } from '../../targets/lambda/local/dynamodb.ts'
import { DynamoStateStore } from './dynamodb.ts'
import { sharedStateContract } from './shared-state-contract.ts'

const user = { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }
const tableName = 'state'
let dynamo: LocalDynamo
let client: DynamoDBDocumentClient

beforeAll(async () => {
  dynamo = await startLocalDynamo([stateTable(tableName)])
  client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), {
    marshallOptions: { removeUndefinedValues: true },
  })
})
afterAll(async () => {
  client?.destroy()
  await dynamo?.close()
})

sharedStateContract('DynamoDB (dynalite)', (service) => new DynamoStateStore({ service, tableName, client }))

test('more names than one BatchGetItem takes are read in several calls', async () => {
  const store = new DynamoStateStore({ service: user, tableName, client })
  const names = Array.from({ length: 130 }, (_, i) => `n${i}`)
  for (const name of names.filter((_, i) => i % 10 === 0)) await store.setState(name, name.toUpperCase())
  const values = await store.getState(...names)
  expect(Object.keys(values)).toHaveLength(130)
  expect(values.n120).toBe('N120')
  expect(values.n121).toBeUndefined()
})

test('a missing table is a 503 naming it; no table name at all is a clear error', async () => {
  const store = new DynamoStateStore({ service: user, tableName: 'nope', client })
  await expect(store.setState('k', 1)).rejects.toMatchObject({ errorCode: 503, message: expect.stringContaining('DynamoDB table nope') })
  const saved = process.env.PURISTA_STATE_TABLE
  delete process.env.PURISTA_STATE_TABLE
  expect(() => new DynamoStateStore({ service: user })).toThrow(/PURISTA_STATE_TABLE/)
  if (saved !== undefined) process.env.PURISTA_STATE_TABLE = saved
})
