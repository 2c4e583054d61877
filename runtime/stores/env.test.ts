import { expect, test } from 'vitest'
import { EnvStore, toEnvName } from './env.ts'
import { MemoryStateStore } from './memory.ts'

test('config names map to environment variable names', () => {
  expect(toEnvName('welcomeSender')).toBe('WELCOME_SENDER')
  expect(toEnvName('smtp.host', 'APP_')).toBe('APP_SMTP_HOST')
})

test('the env store reads values and names the missing variable', async () => {
  const store = new EnvStore('APP_', { APP_WELCOME_SENDER: 'hi@example.com' })
  await expect(store.getConfig('welcomeSender')).resolves.toEqual({ welcomeSender: 'hi@example.com' })
  await expect(store.getSecret('apiKey')).rejects.toThrow('config value "apiKey" is missing: set the environment variable APP_API_KEY')
})

test('the memory state store keeps copies, not references', async () => {
  const store = new MemoryStateStore()
  const value = { n: 1 }
  await store.setState('k', value)
  value.n = 2
  const { k } = await store.getState('k')
  expect(k).toEqual({ n: 1 })
  await store.removeState('k')
  expect(await store.getState('k')).toEqual({ k: undefined })
})
