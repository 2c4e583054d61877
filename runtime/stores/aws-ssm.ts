import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import { CachedReads, REMOTE_STORE_TTL_MS } from './cached-reads.ts'
import type { ConfigStore } from './types.ts'

export interface SsmParameterStoreOptions {
  /** Default: a client for the region and credentials of the environment (on Lambda, the function's role). */
  client?: SSMClient
  ttlMs?: number
}

/**
 * context.configs from SSM Parameter Store: getConfig('welcomeSender') is the parameter named
 * welcomeSender (a hierarchical name such as '/shop/welcomeSender' works as written), SecureString
 * parameters decrypted. Each value is read once per container and kept for REMOTE_STORE_TTL_MS; a
 * parameter that does not exist is an error naming it.
 */
export class SsmParameterStore implements ConfigStore {
  private readonly client: SSMClient
  private readonly values: CachedReads

  constructor(options: SsmParameterStoreOptions = {}) {
    this.client = options.client ?? new SSMClient({})
    this.values = new CachedReads((name) => this.read(name), options.ttlMs ?? REMOTE_STORE_TTL_MS)
  }

  getConfig(...names: string[]): Promise<Record<string, unknown>> {
    return this.values.getAll(names)
  }

  private async read(name: string): Promise<string> {
    try {
      const { Parameter } = await this.client.send(new GetParameterCommand({ Name: name, WithDecryption: true }))
      if (Parameter?.Value === undefined) throw new UnhandledError(StatusCode.InternalServerError, `parameter "${name}" in SSM Parameter Store has no value`)
      return Parameter.Value
    } catch (error) {
      // Matched by name: the SDK's error classes are not the same objects in every bundle.
      if ((error as Error).name === 'ParameterNotFound') throw new UnhandledError(StatusCode.InternalServerError, `config value "${name}" is missing: create the parameter ${name} in SSM Parameter Store${(error as Error).message ? ` (${(error as Error).message})` : ''}`)
      throw error
    }
  }
}
