/** purista.config.ts: where the services are and how each target runs them. Read statically: keep values constant. */
export interface PuristaConfig {
  /** Names the app in reports, OpenAPI and deployment files. Default: the folder name. */
  name?: string
  /** Folder with the services' sources, relative to this file. Default: 'src'. */
  src?: string
  /** Where builds go, relative to this file. Default: 'dist'. */
  outDir?: string
  /** purista build type-checks the project first with its own TypeScript (tsc --noEmit -p tsconfig.json). Default: true; --no-typecheck skips it once. */
  typecheck?: boolean
  http?: {
    /** Port when PORT is not set. Default: 3000. */
    port?: number
    /** Largest request body in bytes. Default: 1 MB. */
    bodyLimit?: number
    /**
     * The app's authentication: a module export of type HttpAuthGuard, run before every endpoint not
     * made public (makeEndpointPublic). Without it, every endpoint is served to anyone.
     */
    authGuard?: AuthGuardConfig
  }
  /** Default: 'info'; LOG_LEVEL overrides it at run time. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'
  /** How long a command may take before its caller gets a 504. Default: 30 s. */
  commandTimeoutMs?: number
  stores?: {
    /**
     * Where context.configs reads from. 'env': environment variables (welcomeSender → WELCOME_SENDER).
     * 'aws-ssm': the lambda target reads SSM Parameter Store (the parameter named welcomeSender); the
     * other targets read the environment then, with an ignored-on-target warning. Default: 'env'.
     */
    config?: ConfigStoreKind
    /**
     * Where context.secrets reads from. 'aws-secrets-manager': Secrets Manager on the lambda target, as
     * 'aws-ssm' for configs. 'azure-key-vault': the azure target reads the deployment's Key Vault (the
     * secret named apiKey) with the Function App's identity. Default: 'env'.
     */
    secret?: SecretStoreKind
    /** Prefix for environment variable names, e.g. 'APP_'. */
    envPrefix?: string
  }
  /**
   * Per service, by serviceName. `config`: the service's `this.config` in its functions, over
   * setDefaultConfig's values and checked by setConfigSchema's schema when the service starts (a
   * bad value stops the process, naming it). Written into the bundle: keep secrets in the secret store.
   */
  services?: Record<string, { config?: Record<string, unknown> }>
  /**
   * Where each resource a service declares with defineResource<'db', Db>() comes from: a module,
   * relative to this file, and the function it exports, `'./src/resources/db.ts#createDb'`. The
   * generated entry calls it once per process (per container, per Lambda container, never per call),
   * with no arguments, and awaits what it returns.
   */
  resources?: Record<string, string>
  telemetry?: {
    /**
     * OpenTelemetry traces (README, Tracing): the bundles then carry the SDK and export spans over
     * OTLP/HTTP wherever OTEL_EXPORTER_OTLP_ENDPOINT is set. Default: false, and they carry none of it.
     */
    tracing?: boolean
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
      /**
       * Starts every subject, topic, exchange, queue, stream and consumer name on the broker, so apps
       * sharing one never see each other's commands or events. Default: the app's name.
       */
      namespace?: string
      /** Instances per service container in the Kubernetes manifests. Default: 2. */
      replicas?: number
      /**
       * Where context.states keeps state. 'redis' (default): shared by every instance of a service, at
       * $REDIS_URL; compose and Kubernetes files then include Redis. 'memory': per instance.
       */
      state?: 'memory' | 'redis'
    }
    lambda?: LambdaConfig
    azure?: AzureConfig
  }
}

export type ConfigStoreKind = 'env' | 'memory' | 'aws-ssm'
export type SecretStoreKind = 'env' | 'memory' | 'aws-secrets-manager' | 'azure-key-vault'

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number]

export function defineConfig(config: PuristaConfig): PuristaConfig {
  return config
}

export interface LambdaFunctionConfig {
  memoryMb?: number
  timeoutSeconds?: number
  /** Added to the function's environment (config and secrets read from it). */
  environment?: Record<string, string>
}

export interface LambdaConfig {
  /** Default for every function. Default: 256. */
  memoryMb?: number
  /** Default for every function, in seconds. Default: 10 (API Gateway answers 503 after 30). */
  timeoutSeconds?: number
  /** Default: 'arm64' (cheaper per GB-second than x86_64). */
  architecture?: 'arm64' | 'x86_64'
  /** Default: 'nodejs22.x'. */
  runtime?: 'nodejs22.x' | 'nodejs24.x'
  /** How long CloudWatch keeps each function's logs. Default: 14. */
  logRetentionDays?: LogRetentionDays
  /**
   * Functions whose code uses only zod-lite's part of zod carry zod-lite, zod's API over its own core,
   * instead of zod's ~440 KB classic build (README, lambda target). false: every function keeps zod,
   * for code the build's check cannot see through (a schema method called by a computed name). Default: true.
   */
  zodLite?: boolean
  /**
   * Schemas written inline with zod in a builder chain (`.addPayloadSchema(z.object({…}))`) are checked by
   * the code zod compiles them to, written into the bundle at build time; zod itself is loaded only
   * when an input fails, for its issues, which stay zod's own (README, lambda target). Needs zod 4.6
   * or later; with an older zod, or false, functions validate with zod as written. Default: true.
   */
  compiledValidators?: boolean
  /**
   * Each function bundles the AWS SDK clients it uses (tree-shaken, from this project's node_modules)
   * instead of loading the whole clients the Lambda runtime provides: a cold start does ~40% less
   * work (bench/RESULTS.md), and the SDK version is the one you installed and tested with. The build
   * then needs those clients installed and says which. false: the runtime's SDK. Default: true.
   */
  bundleAwsSdk?: boolean
  /**
   * Per function, by its name in dist/lambda/functions: { 'User-v1-registerNewUser': { memoryMb: 512,
   * environment: { WELCOME_SENDER: 'hi@example.com' } } }.
   */
  functions?: Record<string, LambdaFunctionConfig>
}

export interface AuthGuardConfig {
  /** The module, relative to this file: e.g. 'src/auth.ts'. */
  file: string
  /** The name it exports the guard under. Default: 'authGuard'. */
  export?: string
  /** What the OpenAPI document says the guard reads. Default: 'bearer' (an Authorization: Bearer header). */
  scheme?: 'bearer' | 'basic'
}

export interface AzureConfig {
  /**
   * Services that share a Function App, by app name: { accounts: ['User', 'Email'] }. The services
   * named nowhere share one app named after the purista app. Default: every service in that one app.
   */
  apps?: Record<string, string[]>
  /** Default: 'flex' (Flex Consumption); 'consumption' is the older Linux Consumption plan. */
  plan?: 'flex' | 'consumption'
  /** Deliveries of an event to a durable subscription before Service Bus dead-letters it. Default: 10. */
  maxDeliveryCount?: number
  /** As on lambda: functions whose code allows it carry zod-lite instead of zod's classic build. Default: true. */
  zodLite?: boolean
  /** As on lambda: inline schemas are checked by the code zod compiles them to, zod loads on a failure. Default: true. */
  compiledValidators?: boolean
}
