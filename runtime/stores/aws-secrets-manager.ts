import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import { CachedReads, REMOTE_STORE_TTL_MS } from './cached-reads.ts'
import type { SecretStore } from './types.ts'

export interface SecretsManagerStoreOptions {
  /** Default: a client for the region and credentials of the environment (on Lambda, the function's role). */
  client?: SecretsManagerClient
  ttlMs?: number
}

/**
 * context.secrets from AWS Secrets Manager: getSecret('apiKey') is the secret named apiKey, its
 * SecretString (a binary secret as UTF-8). Each value is read once per container and kept for
 * REMOTE_STORE_TTL_MS; a secret that does not exist is an error naming it.
 */
export class SecretsManagerStore implements SecretStore {
  private readonly client: SecretsManagerClient
  private readonly values: CachedReads

  constructor(options: SecretsManagerStoreOptions = {}) {
    this.client = options.client ?? new SecretsManagerClient({})
    this.values = new CachedReads((name) => this.read(name), options.ttlMs ?? REMOTE_STORE_TTL_MS)
  }

  getSecret(...names: string[]): Promise<Record<string, unknown>> {
    return this.values.getAll(names)
  }

  private async read(name: string): Promise<string> {
    try {
      const { SecretString, SecretBinary } = await this.client.send(new GetSecretValueCommand({ SecretId: name }))
      if (SecretString !== undefined) return SecretString
      if (SecretBinary !== undefined) return Buffer.from(SecretBinary).toString('utf8')
      throw new UnhandledError(StatusCode.InternalServerError, `secret "${name}" in Secrets Manager has no value`)
    } catch (error) {
      // Matched by name: the SDK's error classes are not the same objects in every bundle.
      if ((error as Error).name === 'ResourceNotFoundException') throw new UnhandledError(StatusCode.InternalServerError, `secret "${name}" is missing: create it in Secrets Manager (${(error as Error).message})`)
      throw error
    }
  }
}
