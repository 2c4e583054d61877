import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import type { SecretStore } from '../../../runtime/stores/types.ts'

/**
 * Stands in for Key Vault where the build found no getSecret call: the function never loads the
 * Key Vault client, and a read it was not seen to make fails saying why.
 */
export class NoSecretStore implements SecretStore {
  constructor(private readonly owner: string) {}
  getSecret = async (...names: string[]): Promise<Record<string, unknown>> => {
    throw new UnhandledError(StatusCode.InternalServerError, `${this.owner} may not read the secret ${names.map((n) => `"${n}"`).join(', ')}: purista found no getSecret call in its function, so it got no Key Vault client. Name each secret as a literal in the function passed to set…Function.`)
  }
}
