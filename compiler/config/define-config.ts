/** purista.config.ts: where the services are and how each target runs them. Read statically: keep values constant. */
export interface PuristaConfig {
  /** Names the app in reports, OpenAPI and deployment files. Default: the folder name. */
  name?: string
  /** Folder with the services' sources, relative to this file. Default: 'src'. */
  src?: string
  /** Where builds go, relative to this file. Default: 'dist'. */
  outDir?: string
  http?: {
    /** Port when PORT is not set. Default: 3000. */
    port?: number
    /** Largest request body in bytes. Default: 1 MB. */
    bodyLimit?: number
  }
  /** Default: 'info'; LOG_LEVEL overrides it at run time. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'
  /** How long a command may take before its caller gets a 504. Default: 30 s. */
  commandTimeoutMs?: number
  stores?: {
    /** Where context.configs reads from. 'env': environment variables (welcomeSender → WELCOME_SENDER). Default: 'env'. */
    config?: 'env' | 'memory'
    /** Where context.secrets reads from. Default: 'env'. */
    secret?: 'env' | 'memory'
    /** Prefix for environment variable names, e.g. 'APP_'. */
    envPrefix?: string
    /** Where context.states keeps state. Default: 'memory'. */
    state?: 'memory'
  }
  targets?: {
    monolith?: {
      /** The event bridge the process uses. Default: 'default' (in memory). */
      bridge?: 'default'
    }
  }
}

export function defineConfig(config: PuristaConfig): PuristaConfig {
  return config
}
