import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { TableClient } from '@azure/data-tables'
import { localAppSettings } from './app-settings.ts'
import { startAzuriteTables, type LocalTables } from './azurite.ts'
import { FunctionAppProcess, triggerOf, type FunctionMetadata } from './function-app-process.ts'
import { startLocalFunctionsHost, type HttpFunction } from './functions-http-host.ts'
import { serviceBusInvocation } from './invocations.ts'
import { startLocalKeyVault } from './key-vault.ts'
import { startLocalServiceBus, type LocalServiceBus } from './service-bus-namespace.ts'
import { readLocalInfrastructure, type LocalFunctionApp, type LocalInfrastructure } from './template.ts'
import { TopicSubscriptions, type DeadLetter } from './topic-subscriptions.ts'

export interface LocalAzureOptions {
  /** dist/azure of a build: the app folders and infra/main.json. */
  azureDir: string
  port: number
  log(line: string): void
}

export interface LocalAzure {
  port: number
  infrastructure: LocalInfrastructure
  apps: FunctionAppProcess[]
  deadLetters: DeadLetter[]
  close(): Promise<void>
}

/**
 * Runs a built azure target the way Azure would wire it, from its ARM template: every Function App
 * in its own process with the settings the template gives it, their HTTP routes on one local port,
 * a Service Bus namespace for the real client whose topics copy each message to the subscriptions
 * whose SQL filters match, with redelivery and dead-lettering, Azurite for the tables, and a Key
 * Vault that serves the secrets from this environment (key-vault.ts).
 */
export async function startLocalAzure(options: LocalAzureOptions): Promise<LocalAzure> {
  const infrastructure = readLocalInfrastructure(join(options.azureDir, 'infra', 'main.json'))
  const opened: { close(): Promise<void> }[] = []
  const processes = new Map<string, FunctionAppProcess>()
  // Filled once the apps have said which function listens on which subscription.
  const listeners = new Map<string, { app: FunctionAppProcess; fn: FunctionMetadata }>()
  const subscriptionKey = (topic: string, subscription: string) => `${topic}/${subscription}`
  const topics = new TopicSubscriptions({
    subscriptions: infrastructure.subscriptions,
    deliver: async (subscription, message, deliveryCount) => {
      const listener = listeners.get(subscriptionKey(subscription.topic, subscription.name))
      if (!listener) throw new Error(`no function listens on ${subscription.topic}/${subscription.name}`)
      await listener.app.invoke(serviceBusInvocation(listener.fn, { body: message.body, messageId: message.messageId ?? '', applicationProperties: message.applicationProperties, deliveryCount }))
    },
    log: options.log,
  })
  try {
    const tables = infrastructure.tables.length ? await startTables(infrastructure.tables) : undefined
    if (tables) opened.push(tables)
    const bus: LocalServiceBus | undefined = infrastructure.topics.length ? await startLocalServiceBus({ topics: infrastructure.topics, receive: (topic, message) => topics.publish(topic, message) }) : undefined
    if (bus) opened.push(bus)
    const vault = infrastructure.hasKeyVault ? await startLocalKeyVault() : undefined
    if (vault) opened.push(vault)
    const host = await startLocalFunctionsHost(options.port)
    opened.push(host)

    const keys = new Map(infrastructure.functionApps.map((app) => [app.siteName, randomBytes(24).toString('base64url')]))
    const deployment = { hostName: `127.0.0.1:${host.port}`, functionKey: (site: string) => keys.get(site) ?? missingSite(site), keyVaultUri: vault?.vaultUri }
    // Azure gives every Function App its identity endpoint; locally it is the vault stand-in's, the only thing it signs in to.
    const runtimeEnvironment = { PATH: process.env.PATH ?? '', ...(process.env.LOG_LEVEL && { LOG_LEVEL: process.env.LOG_LEVEL }), ...vault?.identity }
    const settings = new Map<string, Record<string, string>>()
    for (const app of infrastructure.functionApps) {
      settings.set(app.name, localAppSettings(infrastructure, app, deployment, { serviceBus: bus?.connectionString, tables: tables?.connectionString }))
      processes.set(app.name, new FunctionAppProcess(app.name, join(options.azureDir, app.name), { ...runtimeEnvironment, ...settings.get(app.name), ...localOtelSettings() }))
    }
    opened.push({ close: async () => void (await Promise.all([...processes.values()].map((p) => p.stop()))) })
    await Promise.all([...processes.values()].map((p) => p.start()))

    const httpFunctions: HttpFunction[] = []
    for (const app of infrastructure.functionApps) {
      const running = processes.get(app.name)!
      for (const fn of running.functions) {
        const trigger = triggerOf(fn)
        checkConnection(app, fn, settings.get(app.name)!)
        if (trigger.type === 'httpTrigger') httpFunctions.push({ app: running, fn, functionKey: keys.get(app.siteName)! })
        else if (trigger.type === 'serviceBusTrigger') listeners.set(subscriptionKey(String(trigger.topicName), String(trigger.subscriptionName)), { app: running, fn })
        else throw new Error(`Function App ${app.name}: ${fn.name} has a ${trigger.type}, which the local run does not serve`)
      }
    }
    for (const subscription of infrastructure.subscriptions) {
      if (!listeners.has(subscriptionKey(subscription.topic, subscription.name))) options.log(`no function listens on subscription ${subscription.topic}/${subscription.name}: its messages will be dead-lettered`)
    }
    host.serve(httpFunctions)
    return { port: host.port, infrastructure, apps: [...processes.values()], deadLetters: topics.deadLetters, close: () => closeAll(opened) }
  } catch (error) {
    await closeAll(opened)
    throw error
  }
}

/** Azurite's Table service with the template's tables, empty. */
async function startTables(names: string[]): Promise<LocalTables> {
  const tables = await startAzuriteTables()
  for (const name of names) await TableClient.fromConnectionString(tables.connectionString, name, { allowInsecureConnection: true }).createTable()
  return tables
}

/**
 * A trigger reads its connection from the app settings; the host does not start a function whose
 * setting is missing. Checked here too, since an app that only subscribes loads no client that would.
 */
function checkConnection(app: LocalFunctionApp, fn: FunctionMetadata, settings: Record<string, string>) {
  const connection = triggerOf(fn).connection
  if (typeof connection === 'string' && !settings[connection]) {
    throw new Error(`Function App ${app.name}: ${fn.name} reads connection setting ${connection}, which infra/main.json does not give the app (neither ${connection} nor ${connection}__fullyQualifiedNamespace)`)
  }
}

const missingSite = (site: string): never => {
  throw new Error(`infra/main.json lists the keys of Function App ${site}, which it does not declare`)
}

async function closeAll(opened: { close(): Promise<void> }[]) {
  for (const part of opened.reverse()) await part.close().catch(() => {})
}

/** Where traces go (OTEL_EXPORTER_OTLP_ENDPOINT…), as purista start --target lambda passes them: yours, over the template's empty parameters. */
const localOtelSettings = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_')))
