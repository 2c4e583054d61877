import { SecretClient } from '@azure/keyvault-secrets'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { CachedReads, REMOTE_STORE_TTL_MS } from '../../../runtime/stores/cached-reads.ts'
import type { SecretStore } from '../../../runtime/stores/types.ts'
import { managedIdentity } from './connection.ts'
import { KEY_VAULT_URL_VARIABLE } from './names.ts'

type Client = Pick<SecretClient, 'getSecret' | 'vaultUrl'>

export interface KeyVaultSecretStoreOptions {
  /** Default: the vault at $PURISTA_KEY_VAULT_URL, reached with the Function App's managed identity. */
  client?: Client
  ttlMs?: number
}

/** One client per worker process, created by the first store: every function of the app reads the same vault. */
let sharedClient: Client | undefined
function vaultClient(): Client {
  if (sharedClient) return sharedClient
  const vaultUrl = process.env[KEY_VAULT_URL_VARIABLE]
  if (!vaultUrl) throw new Error(`app setting ${KEY_VAULT_URL_VARIABLE} is not set: it names the Key Vault context.secrets reads (the generated infrastructure sets it)`)
  // The credential loads on first use; the client asks for a token only when it sends.
  const credential = managedIdentity()
  sharedClient = new SecretClient(vaultUrl, { getToken: async (scopes, options) => (await credential).getToken(scopes, options) }, localVaultOptions(vaultUrl))
  return sharedClient
}

/**
 * The local run's vault (purista start --target azure) is plain HTTP on the loopback, and not a
 * subdomain of the resource its challenge names: only for such a URL does the client allow both.
 * A token then only ever goes to this machine.
 */
function localVaultOptions(vaultUrl: string) {
  const { hostname } = new URL(vaultUrl)
  const local = hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'
  return local ? { allowInsecureConnection: true, disableChallengeResourceVerification: true } : {}
}

/**
 * context.secrets from Key Vault: getSecret('apiKey') is the vault's secret named apiKey, its current
 * version. Each value is read once per worker and kept for REMOTE_STORE_TTL_MS, so a rotated secret
 * is seen within that time; a secret that does not exist is an error naming it and the vault.
 */
export class KeyVaultSecretStore implements SecretStore {
  private readonly client: Client
  private readonly values: CachedReads

  constructor(options: KeyVaultSecretStoreOptions = {}) {
    // Made when the function loads: a missing setting fails the worker's start, naming it.
    this.client = options.client ?? vaultClient()
    this.values = new CachedReads((name) => this.read(name), options.ttlMs ?? REMOTE_STORE_TTL_MS)
  }

  getSecret(...names: string[]): Promise<Record<string, unknown>> {
    return this.values.getAll(names)
  }

  private async read(name: string): Promise<string> {
    try {
      const { value } = await this.client.getSecret(name)
      if (value === undefined) throw new UnhandledError(StatusCode.InternalServerError, `secret "${name}" in Key Vault ${this.client.vaultUrl} has no value`)
      return value
    } catch (error) {
      // Matched by status: the SDK's RestError is not the same class in every bundle.
      if ((error as { statusCode?: number }).statusCode === 404) throw new UnhandledError(StatusCode.InternalServerError, `secret "${name}" is missing: create it in Key Vault ${this.client.vaultUrl} (az keyvault secret set --name ${name})`)
      throw error
    }
  }
}
