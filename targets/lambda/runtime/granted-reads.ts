import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import type { ConfigStore, SecretStore } from '../../../runtime/stores/types.ts'

/*
 * A function's view of Secrets Manager or SSM Parameter Store: only the names the build saw its code
 * read, which are all its role may read. Another name fails here, saying why, the same locally as in
 * AWS (where it would be an AccessDenied). A function that reads none gets no store, so it never
 * loads the SDK client.
 */

function refuseUngranted(owner: string, what: 'secret' | 'config value', granted: readonly string[], names: string[]): void {
  const ungranted = names.filter((name) => !granted.includes(name))
  if (!ungranted.length) return
  const seen = granted.length ? `it may read ${granted.map((n) => `"${n}"`).join(', ')}` : `purista found no ${what === 'secret' ? 'getSecret' : 'getConfig'} call in its function`
  throw new UnhandledError(StatusCode.InternalServerError, `${owner} may not read the ${what} ${ungranted.map((n) => `"${n}"`).join(', ')}: ${seen}, and its role grants exactly those. Name each ${what} as a literal in the function passed to set…Function.`)
}

// The entry passes a store whenever anything is granted; with nothing granted only an empty read gets past the check.
export const grantedSecrets = (owner: string, granted: readonly string[], store?: SecretStore): SecretStore => ({
  getSecret: async (...names) => (refuseUngranted(owner, 'secret', granted, names), store ? store.getSecret(...names) : {}),
})

export const grantedConfigs = (owner: string, granted: readonly string[], store?: ConfigStore): ConfigStore => ({
  getConfig: async (...names) => (refuseUngranted(owner, 'config value', granted, names), store ? store.getConfig(...names) : {}),
})
