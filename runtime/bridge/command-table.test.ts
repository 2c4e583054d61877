import { expect, test } from 'vitest'
import { CommandTable } from './command-table.ts'

const address = (serviceName: string, serviceVersion: string, serviceTarget: string) => ({ serviceName, serviceVersion, serviceTarget })

test('finds a value by the whole address only, and forgets a deleted one', () => {
  const table = new CommandTable<string>()
  table.set(address('Math', '1', 'add'), 'add v1')
  table.set(address('Math', '2', 'add'), 'add v2')
  table.set(address('Math', '1', 'sub'), 'sub v1')
  expect(table.get(address('Math', '1', 'add'))).toBe('add v1')
  expect(table.get(address('Math', '2', 'add'))).toBe('add v2')
  expect(table.get(address('Math', '2', 'sub'))).toBeUndefined()
  expect(table.get(address('User', '1', 'add'))).toBeUndefined()
  table.delete(address('Math', '1', 'add'))
  table.delete(address('Math', '3', 'add'))
  expect(table.get(address('Math', '1', 'add'))).toBeUndefined()
  expect([...table.values()].sort()).toEqual(['add v2', 'sub v1'])
  table.delete(address('Math', '2', 'add'))
  table.delete(address('Math', '1', 'sub'))
  expect([...table.values()]).toEqual([])
})

test('lists the values in the order they were set, as a Map by addressKey did', () => {
  const table = new CommandTable<string>()
  table.set(address('User', '1', 'get'), 'User get')
  table.set(address('User', '1', 'create'), 'User create')
  table.set(address('Order', '1', 'get'), 'Order get')
  expect([...table.values()]).toEqual(['User get', 'User create', 'Order get'])
  table.delete(address('User', '1', 'get'))
  table.set(address('User', '1', 'get'), 'User get again')
  expect([...table.values()]).toEqual(['User create', 'Order get', 'User get again'])
})
