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
  }
  targets?: {
    monolith?: {
      /** The event bridge the process uses: 'default' (in memory), or a broker at $NATS_URL / $AMQP_URL / $MQTT_URL. */
      bridge?: 'default' | 'nats' | 'amqp' | 'mqtt'
      /** Where context.states keeps state: 'memory' (default) or 'redis' at $REDIS_URL. */
      state?: 'memory' | 'redis'
    }
    containers?: {
      /** The broker between the containers. Default: 'nats'. */
      broker?: 'nats' | 'amqp' | 'mqtt'
      /** Services that share a container, by container name: { accounts: ['User', 'Email'] }. Others get one each. */
      containers?: Record<string, string[]>
      /** Prefix of the image names, e.g. 'ghcr.io/acme/'. Images are named <prefix><app>-<container>. */
      imagePrefix?: string
      /** Instances per service container in the Kubernetes manifests. Default: 2. */
      replicas?: number
      /**
       * Where context.states keeps state. 'redis' (default): shared by every instance of a service, at
       * $REDIS_URL; compose and Kubernetes files then include Redis. 'memory': per instance.
       */
      state?: 'memory' | 'redis'
    }
  }
}

export function defineConfig(config: PuristaConfig): PuristaConfig {
  return config
}
