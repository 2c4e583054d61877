import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { z } from 'zod'
import type { Diagnostic } from '../diagnostics.ts'
import { Evaluator, findNotStatic, unwrap } from '../analyze/evaluate.ts'
import { ModuleGraph, type Node } from '../analyze/modules.ts'
import { LOG_RETENTION_DAYS, type AzureConfig, type ConfigStoreKind, type SecretStoreKind, type LambdaConfig, type LambdaFunctionConfig, type PuristaConfig } from './define-config.ts'
import { CONFIG_FILE } from './config-file.ts'
import { issueNode } from './issue-node.ts'
import { resourceProvider, type ResourceProvider } from './resource-providers.ts'

/** What AWS Lambda accepts. */
const lambdaMemory = z.number().int().min(128).max(10_240)
const lambdaTimeout = z.number().int().min(1).max(900)

const configSchema = z.strictObject({
  name: z.string().min(1).optional(),
  src: z.string().min(1).optional(),
  outDir: z.string().min(1).optional(),
  typecheck: z.boolean().optional(),
  http: z
    .strictObject({
      port: z.number().int().min(0).max(65535).optional(),
      bodyLimit: z.number().int().positive().optional(),
      authGuard: z.strictObject({ file: z.string().min(1), export: z.string().min(1).optional(), scheme: z.enum(['bearer', 'basic']).optional() }).optional(),
    })
    .optional(),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).optional(),
  commandTimeoutMs: z.number().int().positive().optional(),
  stores: z
    .strictObject({
      config: z.enum(['env', 'memory', 'aws-ssm']).optional(),
      secret: z.enum(['env', 'memory', 'aws-secrets-manager', 'azure-key-vault']).optional(),
      envPrefix: z.string().optional(),
    })
    .optional(),
  services: z.record(z.string().min(1), z.strictObject({ config: z.record(z.string(), z.unknown()).optional() })).optional(),
  telemetry: z.strictObject({ tracing: z.boolean().optional() }).optional(),
  resources: z.record(z.string().min(1), z.string().regex(/^[^#]+#[A-Za-z_$][\w$]*$/, "a resource's provider is a module and its export: './src/resources/db.ts#createDb'")).optional(),
  targets: z
    .strictObject({
      monolith: z.strictObject({ bridge: z.enum(['default', 'nats', 'amqp', 'mqtt']).optional(), state: z.enum(['memory', 'redis']).optional() }).optional(),
      containers: z
        .strictObject({
          broker: z.enum(['nats', 'amqp', 'mqtt']).optional(),
          containers: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'container names are lowercase letters, digits and -'), z.array(z.string().min(1)).min(1)).optional(),
          imagePrefix: z.string().optional(),
          namespace: z.string().regex(/^[A-Za-z0-9_-]+$/, 'a namespace is letters, digits, - and _: what every broker accepts in its names').optional(),
          replicas: z.number().int().min(1).optional(),
          state: z.enum(['memory', 'redis']).optional(),
        })
        .optional(),
      lambda: z
        .strictObject({
          memoryMb: lambdaMemory.optional(),
          timeoutSeconds: lambdaTimeout.optional(),
          architecture: z.enum(['arm64', 'x86_64']).optional(),
          runtime: z.enum(['nodejs22.x', 'nodejs24.x']).optional(),
          logRetentionDays: z.union(LOG_RETENTION_DAYS.map((days) => z.literal(days))).optional(),
          zodLite: z.boolean().optional(),
          compiledValidators: z.boolean().optional(),
          bundleAwsSdk: z.boolean().optional(),
          functions: z
            .record(z.string(), z.strictObject({ memoryMb: lambdaMemory.optional(), timeoutSeconds: lambdaTimeout.optional(), environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment variable names are letters, digits and _'), z.string()).optional() }))
            .optional(),
        })
        .optional(),
      azure: z
        .strictObject({
          apps: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'app names are lowercase letters, digits and -, starting with a letter'), z.array(z.string().min(1)).min(1)).optional(),
          plan: z.enum(['flex', 'consumption']).optional(),
          // What Service Bus accepts.
          maxDeliveryCount: z.number().int().min(1).max(2000).optional(),
          zodLite: z.boolean().optional(),
          compiledValidators: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
}) satisfies z.ZodType<PuristaConfig>

/** The config with defaults applied and paths made absolute. */
export interface ResolvedConfig {
  configFile: string
  projectRoot: string
  name: string
  srcDir: string
  outDir: string
  typecheck: boolean
  http: { port: number; bodyLimit: number }
  /** http.authGuard, apart from http: what a bundle needs of it is code (an import), not options. */
  authGuard?: ResolvedAuthGuard
  logLevel: NonNullable<PuristaConfig['logLevel']>
  commandTimeoutMs: number
  stores: { config: ConfigStoreKind; secret: SecretStoreKind; envPrefix: string }
  services: Record<string, { config: Record<string, unknown> }>
  /** By resource name: the module (absolute path) and the export that makes it. */
  resources: Record<string, ResourceProvider>
  telemetry: { tracing: boolean }
  targets: {
    monolith: { bridge: 'default' | 'nats' | 'amqp' | 'mqtt'; state: 'memory' | 'redis' }
    containers: { broker: 'nats' | 'amqp' | 'mqtt'; containers: Record<string, string[]>; imagePrefix: string; namespace: string; replicas: number; state: 'memory' | 'redis' }
    lambda: Required<Omit<LambdaConfig, 'functions'>> & { functions: Record<string, LambdaFunctionConfig> }
    azure: Required<AzureConfig>
  }
}

/** The auth guard's module as an absolute path, with its export and scheme settled. */
export interface ResolvedAuthGuard {
  file: string
  export: string
  scheme: 'bearer' | 'basic'
}

export type ConfigResult = { config: ResolvedConfig; diagnostics: Diagnostic[] } | { config?: undefined; diagnostics: Diagnostic[] }

/** Reads purista.config.ts without running it: the default export must be a constant object. */
export function loadConfig(configPath: string): ConfigResult {
  const configFile = resolve(configPath)
  const projectRoot = dirname(configFile)
  const diagnostics: Diagnostic[] = []
  const fail = (message: string, hint: string, at?: { line: number; column: number }, code: Diagnostic['code'] = 'invalid-config'): ConfigResult => {
    diagnostics.push({ severity: 'error', code, message, file: basename(configFile), line: at?.line ?? 1, column: at?.column ?? 1, hint })
    return { diagnostics }
  }
  if (!existsSync(configFile)) {
    const named = basename(configFile) === CONFIG_FILE ? `create ${CONFIG_FILE}` : `create ${basename(configFile)} (or use ${CONFIG_FILE}, found without --config)`
    return fail(`no config file at ${configFile}`, `${named} with: export default defineConfig({ src: 'src' }), or pass --config <file>`, undefined, 'missing-config')
  }

  const graph = new ModuleGraph(projectRoot, diagnostics)
  const module = graph.load(configFile)
  if (!module || diagnostics.length) return { diagnostics }
  if (!module.defaultExport) return fail('the config has no default export', 'end it with: export default defineConfig({ … })')

  let expression: Node = unwrap(module.defaultExport)
  if (expression.type === 'CallExpression' && expression.arguments.length === 1) expression = expression.arguments[0]
  const value = new Evaluator(graph).evaluate(module, expression)
  const unknown = findNotStatic(value)
  if (unknown) {
    return fail(`a config value cannot be determined without running the file: it is ${unknown.reason}`, 'purista reads the config without running it; write the values as literals or constants', unknown.module.source.position(unknown.node.start))
  }
  const parsed = configSchema.safeParse(value)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.') || '(root)'
      const position = module.source.position(issueNode(expression, issue.path, issue.code === 'unrecognized_keys' ? issue.keys : []).start)
      diagnostics.push({ severity: 'error', code: 'invalid-config', message: `${where}: ${issue.message}`, file: basename(configFile), ...position, hint: 'see PuristaConfig in purista/config for every option' })
    }
    return { diagnostics }
  }
  const c = parsed.data
  return {
    diagnostics,
    config: {
      configFile,
      projectRoot,
      name: c.name ?? basename(projectRoot),
      srcDir: resolve(projectRoot, c.src ?? 'src'),
      outDir: resolve(projectRoot, c.outDir ?? 'dist'),
      typecheck: c.typecheck ?? true,
      http: { port: c.http?.port ?? 3000, bodyLimit: c.http?.bodyLimit ?? 1024 * 1024 },
      ...(c.http?.authGuard && { authGuard: { file: resolve(projectRoot, c.http.authGuard.file), export: c.http.authGuard.export ?? 'authGuard', scheme: c.http.authGuard.scheme ?? 'bearer' } }),
      logLevel: c.logLevel ?? 'info',
      commandTimeoutMs: c.commandTimeoutMs ?? 30_000,
      stores: { config: c.stores?.config ?? 'env', secret: c.stores?.secret ?? 'env', envPrefix: c.stores?.envPrefix ?? '' },
      services: Object.fromEntries(Object.entries(c.services ?? {}).map(([serviceName, service]) => [serviceName, { config: service.config ?? {} }])),
      resources: Object.fromEntries(Object.entries(c.resources ?? {}).map(([name, provider]) => [name, resourceProvider(projectRoot, provider)])),
      telemetry: { tracing: c.telemetry?.tracing ?? false },
      targets: {
        monolith: { bridge: c.targets?.monolith?.bridge ?? 'default', state: c.targets?.monolith?.state ?? 'memory' },
        containers: {
          broker: c.targets?.containers?.broker ?? 'nats',
          containers: c.targets?.containers?.containers ?? {},
          imagePrefix: c.targets?.containers?.imagePrefix ?? '',
          namespace: c.targets?.containers?.namespace ?? c.name ?? basename(projectRoot),
          replicas: c.targets?.containers?.replicas ?? 2,
          state: c.targets?.containers?.state ?? 'redis',
        },
        lambda: {
          memoryMb: c.targets?.lambda?.memoryMb ?? 256,
          timeoutSeconds: c.targets?.lambda?.timeoutSeconds ?? 10,
          architecture: c.targets?.lambda?.architecture ?? 'arm64',
          runtime: c.targets?.lambda?.runtime ?? 'nodejs22.x',
          logRetentionDays: c.targets?.lambda?.logRetentionDays ?? 14,
          zodLite: c.targets?.lambda?.zodLite ?? true,
          compiledValidators: c.targets?.lambda?.compiledValidators ?? true,
          bundleAwsSdk: c.targets?.lambda?.bundleAwsSdk ?? true,
          functions: c.targets?.lambda?.functions ?? {},
        },
        azure: {
          apps: c.targets?.azure?.apps ?? {},
          plan: c.targets?.azure?.plan ?? 'flex',
          maxDeliveryCount: c.targets?.azure?.maxDeliveryCount ?? 10,
          zodLite: c.targets?.azure?.zodLite ?? true,
          compiledValidators: c.targets?.azure?.compiledValidators ?? true,
        },
      },
    },
  }
}
