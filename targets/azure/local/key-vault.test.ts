import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { startLocalKeyVault, type LocalKeyVault } from './key-vault.ts'

let vault: LocalKeyVault
beforeAll(async () => {
  vault = await startLocalKeyVault({ SIGNING_KEY: 'local-signing-key' })
})
afterAll(() => vault.close())

// The store as a Function App loads it: its URL and identity endpoint from the app settings, the real SecretClient and ManagedIdentityCredential.
async function freshStore() {
  vi.resetModules()
  vi.stubEnv('PURISTA_KEY_VAULT_URL', vault.vaultUri)
  for (const [name, value] of Object.entries(vault.identity)) vi.stubEnv(name, value)
  const { KeyVaultSecretStore } = await import('../runtime/key-vault-secret-store.ts')
  return new KeyVaultSecretStore()
}

test('the real SecretClient, with the managed identity, reads a secret from the local vault: challenge, token, read', async () => {
  const store = await freshStore()
  expect(await store.getSecret('signingKey')).toEqual({ signingKey: 'local-signing-key' })
})

test('a secret the environment does not set is missing from the vault, named with its vault', async () => {
  const store = await freshStore()
  await expect(store.getSecret('apiKey')).rejects.toThrow(`secret "apiKey" is missing: create it in Key Vault ${vault.vaultUri}`)
})

test('without the token from the identity endpoint the vault answers 401 with its challenge', async () => {
  const res = await fetch(`${vault.vaultUri}secrets/signingKey?api-version=7.5`)
  expect(res.status).toBe(401)
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer authorization="https:\/\/login\.microsoftonline\.com\/[0-9a-f-]+", resource="https:\/\/vault\.azure\.net"$/)
  const denied = await fetch(`${vault.identity.IDENTITY_ENDPOINT}?resource=https://vault.azure.net&api-version=2019-08-01`)
  expect(denied.status).toBe(401)
})
