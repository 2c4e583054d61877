import { join } from 'node:path'
import type { VirtualEntry, VirtualModule } from '../../compiler/bundle/bundle.ts'
import { sourceFile } from '../../compiler/package-files.ts'
import type { CommandModel, ServiceModel, SubscriptionModel } from '../../compiler/model/app-model.ts'
import type { AppOptions } from '../../runtime/app/app-options.ts'
import type { SecretStoreKind } from '../../compiler/config/define-config.ts'
import { FILTER_IMPORT, hookRunnerPart, hooksImport, isSlim, setsFilters, STATE_LIMITS_IMPORT, type FunctionKind } from '../lambda/entry.ts'
import type { CommandRegistration } from './runtime/command-function.ts'
import type { SubscriptionRegistration } from './runtime/subscription-function.ts'
import type { TracedProcess } from '../../runtime/tracing/otel/start-tracing.ts'
import { tracingEntryLines } from '../shared/tracing.ts'
import { resourceLines } from '../shared/resource-lines.ts'
import type { ResourceProvider } from '../../compiler/config/resource-providers.ts'
import { OPENAPI_FILE } from './runtime/names.ts'
import { functionOptions } from './runtime/function-options.ts'
import type { AzureFunctionWiring } from './wiring.ts'

export interface AzureEntrySpec {
  app: string
  topic: string
  service: ServiceModel
  definition: CommandModel | SubscriptionModel
  wired: AzureFunctionWiring
  projectRoot: string
  options: AppOptions
  /** The definition builders the function's code may ask for; by default only its own kind's. */
  builderKinds: FunctionKind[]
  /** stores.secret as purista.config.ts names it (options.stores has what the other targets read instead). */
  secretStore: SecretStoreKind
  /** The app's auth guard: bundled only into the functions of protected endpoints. */
  authGuard?: { file: string; export: string }
  /** Present when the build traces: the SDK is set up before the function's module loads. */
  tracing?: TracedProcess
  /** The resources the function's service declares, by name: made once per worker, shared by its functions. */
  resources?: Record<string, ResourceProvider>
}

const quote = (text: string) => JSON.stringify(text)
const runtimeFile = (file: string) => quote(sourceFile(file))
// configStores() (app-options.ts) decides the same at run time; here it is decided at build time, so a
// function imports only the store classes its config names.
const STORE_CLASSES = { env: ['EnvStore', 'runtime/stores/env.ts'], memory: ['MemoryConfigStore', 'runtime/stores/memory.ts'] } as const
const BUILDER_FILES = { command: ['CommandDefinitionBuilder', 'runtime/builders/command-builder.ts'], subscription: ['SubscriptionDefinitionBuilder', 'runtime/builders/subscription-builder.ts'] } as const

/**
 * Every function of an app is a module of its own in the app's functions/ folder, which package.json's
 * `main` names with a glob: the worker loads them all into one process. Their shared chunks sit beside
 * them, one copy per app, so code two functions share is loaded once.
 */
export const FUNCTIONS_DIR = 'functions'
export const entryOut = (app: string, functionName: string) => `${app}/${FUNCTIONS_DIR}/${functionName}`

/** The module of /api/openapi.json and /healthz in an app: the glue alone, reading the document the build writes beside the app's functions. */
export const appRoutesEntry = (app: string): VirtualEntry => ({
  out: entryOut(app, 'purista-app-routes'),
  contents: [
    `import { appRoutesFunctions } from ${runtimeFile('targets/azure/runtime/app-routes-function.ts')}`,
    `appRoutesFunctions(new URL(${quote(OPENAPI_FILE)}, import.meta.url))`,
  ].join('\n') + '\n',
})

/**
 * One function's entry and the module with its code. The entry puts in place the definition builders
 * the function's code asks for, then loads that module by a dynamic import: so the builders are there
 * before the user's modules run, whatever order the bundler gives the shared chunks.
 */
export function azureFunctionEntry(spec: AzureEntrySpec): { entry: VirtualEntry; functionModule: VirtualModule } {
  const { builderKinds } = spec
  const functionModule = { path: `${spec.app}/modules/${spec.wired.name}`, contents: functionModuleSource(spec) }
  const lines = [
    `import { provideDefinitionBuilders } from ${runtimeFile('targets/azure/runtime/purista.ts')}`,
    ...builderKinds.map((k) => `import { ${BUILDER_FILES[k][0]} } from ${runtimeFile(BUILDER_FILES[k][1])}`),
    `provideDefinitionBuilders({ ${builderKinds.map((k) => `${k}: ${BUILDER_FILES[k][0]}`).join(', ')} })`,
    // A traced build's functions get the glue of tracing (traced.ts) before their module runs; untraced ones carry none of it.
    ...(spec.tracing ? [...tracingEntryLines(spec.tracing), `import ${runtimeFile('targets/azure/runtime/traced.ts')}`] : []),
    `await import(${quote(`purista-entry:${functionModule.path}`)})`,
  ]
  return { entry: { out: entryOut(spec.app, spec.wired.name), contents: lines.join('\n') + '\n' }, functionModule }
}

/**
 * The function: it imports only the Azure clients it needs (a function that emits nothing never loads
 * Service Bus), the service builder and its one definition, not the whole service, and registers
 * itself with @azure/functions.
 */
function functionModuleSource(spec: AzureEntrySpec): string {
  const { service, definition, wired, projectRoot } = spec
  const kind = wired.kind
  const fromProject = (file: string) => quote(join(projectRoot, file))
  const lines = [`import { ${kind}Function as register } from ${runtimeFile(`targets/azure/runtime/${kind}-function.ts`)}`]
  if (wired.emits) lines.push(`import { EventPublisher } from ${runtimeFile('targets/azure/runtime/publisher.ts')}`)
  const answersEnvelopes = kind === 'command' && (wired.invokeRoute !== null || wired.invokedInProcess)
  if (answersEnvelopes) lines.push(`import { answerEnvelopes } from ${runtimeFile('targets/azure/runtime/envelope-answers.ts')}`)
  if (Object.keys(wired.invokes).length) lines.push(`import { AzureInvoker } from ${runtimeFile('targets/azure/runtime/invoker.ts')}`)
  // The code that calls another Function App only where a target runs in one.
  const invokesOtherApps = Object.values(wired.invokes).some((app) => app !== null)
  if (invokesOtherApps) lines.push(`import { RemoteApps } from ${runtimeFile('targets/azure/runtime/remote-apps.ts')}`)
  const authGuard = spec.authGuard && 'http' in definition && definition.http?.protected ? spec.authGuard : undefined
  if (authGuard) lines.push(`import { ${authGuard.export} as authGuard } from ${quote(authGuard.file)}`, `import { guardedBy } from ${runtimeFile('targets/azure/runtime/guarded-route.ts')}`)
  // A function whose code only reads state gets a reader: no code to write, nor the value limits.
  const stateStore = !wired.usesState ? 'none' : wired.writesState ? 'store' : 'reader'
  lines.push(
    ...{
      store: [`import { TableStateStore } from ${runtimeFile('targets/azure/runtime/table-state-store.ts')}`, STATE_LIMITS_IMPORT],
      reader: [`import { tableStateReader } from ${runtimeFile('targets/azure/runtime/table-state-reader.ts')}`],
      none: [`import { NoStateStore } from ${runtimeFile('targets/azure/runtime/no-state-store.ts')}`],
    }[stateStore],
  )
  if (definition.hooks) lines.push(hooksImport(kind))
  if (setsFilters(definition)) lines.push(FILTER_IMPORT)
  const { stores } = spec.options
  const owner = quote(`${service.serviceName} v${service.serviceVersion} ${definition.name}`)
  const secretStore = keyVaultStore(spec, owner)
  for (const storeKind of new Set([stores.config, ...(secretStore ? [] : [stores.secret])])) lines.push(`import { ${STORE_CLASSES[storeKind][0]} } from ${runtimeFile(STORE_CLASSES[storeKind][1])}`)
  if (secretStore) lines.push(secretStore.import)
  const store = (storeKind: 'env' | 'memory') => (storeKind === 'env' ? `new EnvStore(${quote(stores.envPrefix)})` : 'new MemoryConfigStore()')
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
  const resources = resourceLines(spec.resources, 'resourceOnce')
  if (resources.part) lines.push(`import { resourceOnce } from ${runtimeFile('targets/azure/runtime/resource-once.ts')}`, ...resources.lines)
  const parts = [
    resources.part,
    wired.emits && `publisher: new EventPublisher({ topic: ${quote(spec.topic)} })`,
    Object.keys(wired.invokes).length && `invoker: new AzureInvoker(${JSON.stringify(wired.invokes)}${invokesOtherApps ? `, new RemoteApps(${JSON.stringify(wired.invokes)})` : ''})`,
    answersEnvelopes && 'answerEnvelopes',
    authGuard && 'authenticate: guardedBy(authGuard)',
    definition.hooks && hookRunnerPart(kind),
    setsFilters(definition) && 'eventMatcher',
    {
      store: 'stateStore: (service) => withStateLimits(new TableStateStore({ service }), service)',
      reader: `stateStore: (service) => tableStateReader({ service }, ${owner})`,
      none: `stateStore: () => new NoStateStore(${owner})`,
    }[stateStore],
    `configStore: ${store(stores.config)}`,
    `secretStore: ${secretStore ? secretStore.expression : store(stores.secret)}`,
  ].filter(Boolean)
  const registration: CommandRegistration | SubscriptionRegistration =
    kind === 'command' ? { name: wired.name, http: wired.http, invokeRoute: wired.invokeRoute } : { name: wired.name, topic: spec.topic, subscription: wired.subscription!.name }
  lines.push(`const options = ${JSON.stringify(functionOptions(spec.options))}`, `register(service, definition, options, { ${parts.join(', ')} }, ${JSON.stringify(registration)})`)
  return lines.join('\n') + '\n'
}

/** With stores.secret 'azure-key-vault': the vault for a function whose code reads secrets, for any other a refusal that loads no SDK. */
function keyVaultStore(spec: AzureEntrySpec, owner: string): { import: string; expression: string } | undefined {
  if (spec.secretStore !== 'azure-key-vault') return undefined
  return spec.wired.secrets.length
    ? { import: `import { KeyVaultSecretStore } from ${runtimeFile('targets/azure/runtime/key-vault-secret-store.ts')}`, expression: 'new KeyVaultSecretStore()' }
    : { import: `import { NoSecretStore } from ${runtimeFile('targets/azure/runtime/no-secret-store.ts')}`, expression: `new NoSecretStore(${owner})` }
}
