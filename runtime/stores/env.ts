import { UnhandledError } from '../core/errors.ts'
import type { ConfigStore, SecretStore } from './types.ts'

/** `welcomeSender` → `WELCOME_SENDER`: the name a deployment sets in its environment. */
export const toEnvName = (name: string, prefix = ''): string =>
  prefix + name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()

/**
 * Reads values from environment variables (`getConfig('welcomeSender')` → `$WELCOME_SENDER`, with an optional prefix).
 * A missing value is an error that names the variable, not an `undefined` that fails somewhere later.
 */
export class EnvStore implements ConfigStore, SecretStore {
  constructor(
    private readonly prefix = '',
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async getConfig(...names: string[]) {
    return Object.fromEntries(names.map((name) => [name, this.read(name)]))
  }

  async getSecret(...names: string[]) {
    return this.getConfig(...names)
  }

  private read(name: string): string {
    const variable = toEnvName(name, this.prefix)
    const value = this.env[variable]
    if (value === undefined) throw new UnhandledError(500, `config value "${name}" is missing: set the environment variable ${variable}`)
    return value
  }
}
