import { join } from 'node:path'
import type { VirtualEntry, VirtualModule } from '../../compiler/bundle/bundle.ts'
import { sourceFile } from '../../compiler/package-files.ts'
import type { CommandModel, ServiceModel, SubscriptionModel } from '../../compiler/model/app-model.ts'
import type { AppOptions } from '../../runtime/app/app-options.ts'
import type { ResourceProvider } from '../../compiler/config/resource-providers.ts'
import type { ConfigStoreKind, SecretStoreKind } from '../../compiler/config/define-config.ts'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { TracedProcess } from '../../runtime/tracing/otel/start-tracing.ts'
import { tracingEntryLines } from '../shared/tracing.ts'
import { resourceLines } from '../shared/resource-lines.ts'
import { OPENAPI_FILE } from './runtime/names.ts'
import type { FunctionWiring } from './wiring.ts'

export type FunctionKind = 'command' | 'subscription'

export interface FunctionEntrySpec {
  service: ServiceModel
  definition: CommandModel | SubscriptionModel
  kind: FunctionKind
  wired: FunctionWiring
  projectRoot: string
  options: AppOptions
  /** The definition builders the function's code may ask for; by default only its own kind's. */
  builderKinds: FunctionKind[]
  /** The app's auth guard: bundled only into the functions of protected endpoints. */
  authGuard?: { file: string; export: string }
  /** The resources the function's service declares, by name: made once per Lambda container, at init. */
  resources?: Record<string, ResourceProvider>
  /** Present when the build traces: the SDK is set up before the function's module loads. */
  tracing?: TracedProcess
  /** The stores purista.config.ts names, the AWS ones included (options.stores has what other targets read instead). */
  stores: ResolvedConfig['stores']
}

const quote = (text: string) => JSON.stringify(text)
const runtimeFile = (file: string) => quote(sourceFile(file))
// configStores() (app-options.ts) decides env or memory at run time; here it is decided at build time,
// so a function imports only the store classes its config names.
const STORE_CLASSES: Record<Exclude<ConfigStoreKind | SecretStoreKind, 'azure-key-vault'>, { name: string; file: string }> = {
  env: { name: 'EnvStore', file: 'runtime/stores/env.ts' },
  memory: { name: 'MemoryConfigStore', file: 'runtime/stores/memory.ts' },
  'aws-ssm': { name: 'SsmParameterStore', file: 'runtime/stores/aws-ssm.ts' },
  'aws-secrets-manager': { name: 'SecretsManagerStore', file: 'runtime/stores/aws-secrets-manager.ts' },
}
const BUILDER_FILES = { command: ['CommandDefinitionBuilder', 'runtime/builders/command-builder.ts'], subscription: ['SubscriptionDefinitionBuilder', 'runtime/builders/subscription-builder.ts'] } as const

export const entryOut = (functionName: string) => `functions/${functionName}/index`

/** What runs a definition's guard and transform hooks, by kind: imported only by a function whose definition sets them. */
const HOOK_RUNNERS = { command: ['hookedCommand', 'runtime/service/command-hooks.ts'], subscription: ['hookedSubscription', 'runtime/service/subscription-hooks.ts'] } as const
/** The hook runner of a function's kind and what binds the hooks to the service (hook-functions.ts): both only where the definition sets hooks. */
export const hooksImport = (kind: FunctionKind) =>
  `import { ${HOOK_RUNNERS[kind][0]} } from ${runtimeFile(HOOK_RUNNERS[kind][1])}\nimport { mapHookFunctions } from ${runtimeFile('runtime/service/hook-functions.ts')}`
export const hookRunnerPart = (kind: FunctionKind) => `${HOOK_RUNNERS[kind][0]}, mapHooks: mapHookFunctions`
/** A subscription's filter matcher (eventMatcher) only in functions whose definition sets filters; the handler refuses a filter without it. */
export const setsFilters = (definition: CommandModel | SubscriptionModel): boolean => 'filter' in definition && definition.filter !== null
export const FILTER_IMPORT = `import { eventMatcher } from ${runtimeFile('runtime/service/subscription-filter.ts')}`
/** The state limits wrap a store only in functions that use state: a stand-in refuses every call anyway. */
export const STATE_LIMITS_IMPORT = `import { withStateLimits } from ${runtimeFile('runtime/stores/state-limits.ts')}`

/** The function of /api/openapi.json and /healthz: the glue alone, reading the document the build writes beside it. */
export const appRoutesEntry = (functionName: string): VirtualEntry => ({
  out: entryOut(functionName),
  contents: [
    `import { appRoutesFunction } from ${runtimeFile('targets/lambda/runtime/app-routes-function.ts')}`,
    `export const handler = appRoutesFunction(new URL(${quote(OPENAPI_FILE)}, import.meta.url))`,
  ].join('\n') + '\n',
})

/**
 * One function's entry and the module with its code. The entry only puts in place the definition
 * builders the function's code asks for, then loads that module by a dynamic import: so the builders
 * are there before the user's modules run, whatever order the bundler gives the shared chunks.
 */
export function functionEntry(spec: FunctionEntrySpec): { entry: VirtualEntry; functionModule: VirtualModule } {
  const { wired, builderKinds } = spec
  const functionModule = { path: `functions/${wired.name}/function`, contents: functionModuleSource(spec) }
  const lines = [
    `import { provideDefinitionBuilders } from ${runtimeFile('targets/lambda/runtime/purista.ts')}`,
    ...builderKinds.map((k) => `import { ${BUILDER_FILES[k][0]} } from ${runtimeFile(BUILDER_FILES[k][1])}`),
    `provideDefinitionBuilders({ ${builderKinds.map((k) => `${k}: ${BUILDER_FILES[k][0]}`).join(', ')} })`,
    ...(spec.tracing ? tracingEntryLines(spec.tracing) : []),
    `export const { handler } = await import(${quote(`purista-entry:${functionModule.path}`)})`,
  ]
  return { entry: { out: entryOut(wired.name), contents: lines.join('\n') + '\n' }, functionModule }
}

/**
 * The function: it imports only the AWS clients it needs (a function that emits nothing never loads
 * EventBridge's), the service builder and its one definition, not the whole service, so the bundle
 * holds only the code the function reaches.
 */
function functionModuleSource(spec: FunctionEntrySpec): string {
  const { service, definition, kind, wired, projectRoot } = spec
  const fromProject = (file: string) => quote(join(projectRoot, file))
  const lines = [`import { ${kind}Function as run } from ${runtimeFile(`targets/lambda/runtime/${kind}-function.ts`)}`]
  if (wired.emits) lines.push(`import { EventPublisher } from ${runtimeFile('targets/lambda/runtime/publisher.ts')}`)
  if (wired.invokes.length) lines.push(`import { LambdaInvoker } from ${runtimeFile('targets/lambda/runtime/invoker.ts')}`)
  const authGuard = spec.authGuard && 'http' in definition && definition.http?.protected ? spec.authGuard : undefined
  if (authGuard) lines.push(`import { ${authGuard.export} as authGuard } from ${quote(authGuard.file)}`)
  lines.push(...(wired.usesState ? [`import { DynamoStateStore } from ${runtimeFile('runtime/stores/dynamodb.ts')}`, STATE_LIMITS_IMPORT] : [`import { NoStateStore } from ${runtimeFile('targets/lambda/runtime/no-state-store.ts')}`]))
  if (definition.hooks) lines.push(hooksImport(kind))
  if (setsFilters(definition)) lines.push(FILTER_IMPORT)
  const owner = quote(`${service.serviceName} v${service.serviceVersion} ${definition.name}`)
  const configStore = readStore(spec, 'config', owner)
  const secretStore = readStore(spec, 'secret', owner)
  lines.push(...new Set([...configStore.imports, ...secretStore.imports]))
  // Both exported: import just them. Otherwise the service (with every definition) and pick by name.
  if (isSlim(service, definition)) {
    lines.push(`import { ${service.builder.export} as service } from ${fromProject(service.builder.file)}`)
    lines.push(`import { ${definition.source.export} as definition } from ${fromProject(definition.source.file)}`)
  } else {
    const list = kind === 'command' ? 'getCommandDefinitions' : 'getSubscriptionDefinitions'
    const key = kind === 'command' ? 'commandName' : 'subscriptionName'
    lines.push(`import { ${service.entry.export} as service } from ${fromProject(service.entry.file)}`)
    lines.push(`const definition = service.${list}().find((d) => d.${key} === ${quote(definition.name)})`)
  }
  // Made once when the container starts: it serves this one function.
  const resources = resourceLines(spec.resources)
  lines.push(...resources.lines)
  const parts = [
    resources.part,
    wired.emits && 'publisher: new EventPublisher()',
    wired.invokes.length && 'invoker: new LambdaInvoker()',
    authGuard && 'authGuard',
    definition.hooks && hookRunnerPart(kind),
    setsFilters(definition) && 'eventMatcher',
    wired.usesState ? 'stateStore: (service) => withStateLimits(new DynamoStateStore({ service }), service)' : `stateStore: () => new NoStateStore(${quote(`${service.serviceName} v${service.serviceVersion} ${definition.name}`)})`,
    `configStore: ${configStore.expression}`,
    `secretStore: ${secretStore.expression}`,
  ].filter(Boolean)
  lines.push(`const options = ${JSON.stringify(spec.options)}`, `export const handler = run(service, definition, options, { ${parts.join(', ')} })`)
  return lines.join('\n') + '\n'
}

/**
 * The function's config or secret store, as purista.config.ts stores names it. An AWS store is
 * limited to the names its role is granted, and made only when there are any.
 */
function readStore(spec: FunctionEntrySpec, which: 'config' | 'secret', owner: string): { expression: string; imports: string[] } {
  // Key Vault is read on azure only: here the environment is, as the build's warning says.
  const kind = spec.stores[which] === 'azure-key-vault' ? 'env' : spec.stores[which]
  const importOf = (k: keyof typeof STORE_CLASSES) => `import { ${STORE_CLASSES[k].name} } from ${runtimeFile(STORE_CLASSES[k].file)}`
  if (kind === 'env') return { expression: `new EnvStore(${quote(spec.stores.envPrefix)})`, imports: [importOf(kind)] }
  if (kind === 'memory') return { expression: 'new MemoryConfigStore()', imports: [importOf(kind)] }
  const granted = which === 'config' ? spec.wired.parameters : spec.wired.secrets
  const limit = which === 'config' ? 'grantedConfigs' : 'grantedSecrets'
  const imports = [`import { ${limit} } from ${runtimeFile('targets/lambda/runtime/granted-reads.ts')}`, ...(granted.length ? [importOf(kind)] : [])]
  return { expression: `${limit}(${owner}, ${JSON.stringify(granted)}${granted.length ? `, new ${STORE_CLASSES[kind].name}()` : ''})`, imports }
}

/** Whether the function can import its own definition; else it loads the whole service, with both kinds of definitions. */
export const isSlim = (service: ServiceModel, definition: CommandModel | SubscriptionModel) => !!(service.builder.export && definition.source.export)
