import { TableClient } from '@azure/data-tables'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sharedStateContract } from '../../../runtime/stores/shared-state-contract.ts'
import { startAzuriteTables, type LocalTables } from '../local/azurite.ts'
import { TableStateStore } from './table-state-store.ts'

const user = { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }
let azurite: LocalTables
let client: TableClient

beforeAll(async () => {
  azurite = await startAzuriteTables()
  client = TableClient.fromConnectionString(azurite.connectionString, 'state', { allowInsecureConnection: true })
  await client.createTable()
}, 30_000)
afterAll(() => azurite?.close())

sharedStateContract('Table storage (Azurite)', (service) => new TableStateStore({ service, client }))

test('names with characters row keys refuse (/ # ? \\) are stored and read back apart', async () => {
  const store = new TableStateStore({ service: user, client })
  await store.setState('a/b', 1)
  await store.setState('a#b?c\\d', 2)
  expect(await store.getState('a/b', 'a#b?c\\d', 'a')).toEqual({ 'a/b': 1, 'a#b?c\\d': 2, a: undefined })
  await store.removeState('never-stored')
})

test('a value over a property\'s 64 KiB is spread over parts and read back whole; a shorter one written over it leaves no part behind', async () => {
  const store = new TableStateStore({ service: user, client })
  const long = { name: 'ü'.repeat(150_000), list: Array.from({ length: 5_000 }, (_, i) => i) }
  await store.setState('long', long)
  expect(await store.getState('long')).toEqual({ long })
  const parts = (entity: object) => Object.keys(entity).filter((key) => key.startsWith('value'))
  expect(parts(await client.getEntity('User:1', 'long')).length).toBeGreaterThan(5)
  await store.setState('long', 'short')
  expect(await store.getState('long')).toEqual({ long: 'short' })
  expect(parts(await client.getEntity('User:1', 'long'))).toEqual(['value'])
})

test('a missing table is a 503; missing settings are named when the store is made', async () => {
  const missing = TableClient.fromConnectionString(azurite.connectionString, 'nope', { allowInsecureConnection: true })
  await expect(new TableStateStore({ service: user, client: missing }).setState('k', 1)).rejects.toMatchObject({ errorCode: 503, message: expect.stringContaining('Table storage') })
  const saved = { table: process.env.PURISTA_STATE_TABLE, tables: process.env.PURISTA_TABLES }
  delete process.env.PURISTA_TABLES
  process.env.PURISTA_STATE_TABLE = 'state'
  try {
    expect(() => new TableStateStore({ service: user })).toThrow(/connection setting PURISTA_TABLES is not set.*PURISTA_TABLES__tableServiceUri/)
    delete process.env.PURISTA_STATE_TABLE
    expect(() => new TableStateStore({ service: user })).toThrow(/PURISTA_STATE_TABLE/)
  } finally {
    Object.assign(process.env, Object.fromEntries(Object.entries({ PURISTA_STATE_TABLE: saved.table, PURISTA_TABLES: saved.tables }).filter(([, v]) => v !== undefined)))
  }
})
