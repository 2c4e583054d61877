import { afterEach, expect, test, vi } from 'vitest'
import { KeyVaultSecretStore } from './key-vault-secret-store.ts'
import { KEY_VAULT_URL_VARIABLE } from './names.ts'
import { NoSecretStore } from './no-secret-store.ts'

const VAULT = 'https://kv-test.vault.azure.net/'
/** Key Vault as the SDK's SecretClient answers: a RestError with statusCode 404 for a name it does not hold. */
function vaultOf(secrets: Record<string, string>) {
  const getSecret = vi.fn(async (name: string) => {
    if (!(name in secrets)) throw Object.assign(new Error(`A secret with (name/id) ${name} was not found in this key vault.`), { name: 'RestError', statusCode: 404, code: 'SecretNotFound' })
    return { name, value: secrets[name], properties: { name, vaultUrl: VAULT } }
  })
  return { vaultUrl: VAULT, getSecret }
}

afterEach(() => vi.unstubAllEnvs())

test('getSecret reads each name from the vault once per worker, reads of one name at once sharing a request', async () => {
  const client = vaultOf({ apiKey: 'k-1', smtpPassword: 'p-1' })
  const store = new KeyVaultSecretStore({ client })
  await Promise.all([store.getSecret('apiKey'), store.getSecret('apiKey')])
  expect(await store.getSecret('apiKey', 'smtpPassword')).toEqual({ apiKey: 'k-1', smtpPassword: 'p-1' })
  expect(client.getSecret.mock.calls.map(([name]) => name)).toEqual(['apiKey', 'smtpPassword'])
})

test('a value is read again after the cache time, so a rotated secret is seen', async () => {
  const client = vaultOf({ apiKey: 'k-1' })
  const store = new KeyVaultSecretStore({ client, ttlMs: 0 })
  await store.getSecret('apiKey')
  await store.getSecret('apiKey')
  expect(client.getSecret).toHaveBeenCalledTimes(2)
})

test('a secret the vault does not hold is an error naming it and the vault; the failed read is not kept', async () => {
  const client = vaultOf({})
  const store = new KeyVaultSecretStore({ client })
  await expect(store.getSecret('apiKey')).rejects.toThrow(`secret "apiKey" is missing: create it in Key Vault ${VAULT}`)
  await expect(store.getSecret('apiKey')).rejects.toThrow()
  expect(client.getSecret).toHaveBeenCalledTimes(2)
})

test('without the vault URL setting, the store (made when the function loads) names the setting', () => {
  vi.stubEnv(KEY_VAULT_URL_VARIABLE, '')
  expect(() => new KeyVaultSecretStore()).toThrow(`app setting ${KEY_VAULT_URL_VARIABLE} is not set`)
})

test('a function the build saw read no secret has no vault: a read says why', async () => {
  await expect(new NoSecretStore('Mail v1 send').getSecret('apiKey')).rejects.toThrow('Mail v1 send may not read the secret "apiKey": purista found no getSecret call in its function')
})
