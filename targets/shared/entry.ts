import { join } from 'node:path'
import { sourceFile } from '../../compiler/package-files.ts'
import type { ServiceModel } from '../../compiler/model/app-model.ts'
import type { AppOptions } from '../../runtime/app/app-options.ts'
import type { ResourceProvider } from '../../compiler/config/resource-providers.ts'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { TracedProcess } from '../../runtime/tracing/otel/start-tracing.ts'
import { tracingEntryLines } from './tracing.ts'
import { runtimeStores } from './stores.ts'

export type BridgeKind = 'default' | 'nats' | 'amqp' | 'mqtt'
export type StateKind = 'memory' | 'redis'

/** Where each bridge comes from: a generated entry imports only the one it uses. */
const BRIDGES: Record<BridgeKind, { specifier: string; name: string }> = {
  default: { specifier: 'purista', name: 'DefaultEventBridge' },
  nats: { specifier: 'purista/nats', name: 'NatsBridge' },
  amqp: { specifier: 'purista/amqp', name: 'AmqpBridge' },
  mqtt: { specifier: 'purista/mqtt', name: 'MqttBridge' },
}

/** The npm client each broker's bridge is built on: bundled from the user's project, so it must be installed there. */
const BRIDGE_PACKAGES: Record<Exclude<BridgeKind, 'default'>, string> = { nats: 'nats', amqp: 'amqplib', mqtt: 'mqtt' }

/** The optional packages a bundle with this bridge and state store needs from the user's project. */
export const bundledPackages = (bridge: BridgeKind, state: StateKind): string[] => [...(bridge === 'default' ? [] : [BRIDGE_PACKAGES[bridge]]), ...(state === 'redis' ? ['redis'] : [])]

export const BRIDGE_URL_VARIABLE: Record<Exclude<BridgeKind, 'default'>, string> = { nats: 'NATS_URL', amqp: 'AMQP_URL', mqtt: 'MQTT_URL' }

export interface EntrySpec {
  /** The target's runtime function that runs the process: a path inside purista and its export. */
  run: { file: string; name: string }
  services: ServiceModel[]
  projectRoot: string
  bridge: BridgeKind
  state: StateKind
  options: AppOptions
  /** The app's auth guard, for an entry that serves HTTP routes (the monolith, the gateway). */
  authGuard?: { file: string; export: string; scheme: 'bearer' | 'basic' }
  /** The resources the entry's services declare, by name: each made once when the process starts. */
  resources?: Record<string, ResourceProvider>
  /** Starts the broker names of a broker bridge (its prefix option; $PURISTA_NAMESPACE overrides it): apps sharing a broker stay apart. */
  namespace: string
  /** Present when the build traces (tracing.ts): the entry then starts tracing first. */
  tracing?: TracedProcess
}

const quote = (text: string) => JSON.stringify(text)

/** The source of a generated entry module: imports the services, the bridge and the store, and runs them. */
export function entrySource(spec: EntrySpec): string {
  const bridge = BRIDGES[spec.bridge]
  const lines = [
    ...(spec.tracing ? tracingEntryLines(spec.tracing) : []),
    `import { ${spec.run.name} as run } from ${quote(sourceFile(spec.run.file))}`,
    `import { ${bridge.name} as Bridge } from ${quote(bridge.specifier)}`,
    ...(spec.bridge === 'default' ? [] : [`import { brokerNamespace } from ${quote(sourceFile('runtime/app/namespace.ts'))}`]),
    ...(spec.state === 'redis' ? [`import { RedisStateStore } from ${quote(sourceFile('runtime/stores/redis.ts'))}`] : []),
    ...spec.services.map((s, i) => `import { ${s.entry.export} as service${i} } from ${quote(join(spec.projectRoot, s.entry.file))}`),
    ...(spec.authGuard ? [`import { ${spec.authGuard.export} as authGuard } from ${quote(spec.authGuard.file)}`] : []),
    ...Object.values(spec.resources ?? {}).map((provider, i) => `import { ${provider.export} as resource${i} } from ${quote(provider.file)}`),
    `const options = ${JSON.stringify(spec.options)}`,
    `await run([${spec.services.map((_, i) => `service${i}`).join(', ')}], options, {`,
    `  bridge: (logger) => new Bridge({ logger, defaultCommandTimeoutMs: options.commandTimeoutMs${spec.bridge === 'default' ? '' : `, prefix: brokerNamespace(${quote(spec.namespace)})`} }),`,
    ...(spec.state === 'redis' ? [`  stateStore: (service) => new RedisStateStore({ service, prefix: ${quote(spec.options.name)} }),`] : []),
    ...(spec.authGuard ? [`  auth: { guard: authGuard, scheme: ${quote(spec.authGuard.scheme)} },`] : []),
    ...(spec.resources && Object.keys(spec.resources).length ? [`  resources: async () => ({ ${Object.keys(spec.resources).map((name, i) => `${quote(name)}: await resource${i}()`).join(', ')} }),`] : []),
    `})`,
  ]
  return lines.join('\n') + '\n'
}

export function appOptions(name: string, config: Pick<ResolvedConfig, 'logLevel' | 'commandTimeoutMs' | 'http' | 'stores' | 'services'>): AppOptions {
  const serviceConfig = Object.fromEntries(Object.entries(config.services).map(([serviceName, service]) => [serviceName, service.config]))
  return { name, logLevel: config.logLevel, commandTimeoutMs: config.commandTimeoutMs, http: config.http, stores: runtimeStores(config.stores), serviceConfig }
}
