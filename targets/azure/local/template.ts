import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { APP_FOLDER_TAG } from '../infra/resources.ts'
import { evaluateValue, format, type ArmFunctions } from './arm-expression.ts'

/** What the local run needs from infra/main.json: the resources Azure would wire. */
export interface LocalInfrastructure {
  functionApps: LocalFunctionApp[]
  topics: LocalTopic[]
  subscriptions: LocalSubscription[]
  /** Table storage tables, by name. */
  tables: string[]
  /** Whether the template makes a Key Vault (stores.secret 'azure-key-vault' and some function reads secrets). */
  hasKeyVault: boolean
  /** A value of the template evaluated with what only exists once the local run has started. */
  evaluate(value: unknown, local: LocalDeployment): unknown
}

export interface LocalFunctionApp {
  /** Its folder in dist/azure (the site's purista-app tag). */
  name: string
  /** The site's name as Azure would create it. */
  siteName: string
  /** The site's app settings as the template writes them (values still expressions). */
  settings: { name: string; value: unknown }[]
}

export interface LocalTopic {
  name: string
  maxMessageBytes: number
}

export interface LocalSubscription {
  topic: string
  name: string
  /** The SQL filter of its $Default rule; none is Service Bus's catch-all 1=1. */
  sqlFilter: string | null
  maxDeliveryCount: number
}

/** Where the deployment's functions are reached locally: one host for every app, and each app's function key. */
export interface LocalDeployment {
  hostName: string
  functionKey(siteName: string): string
  /** The local stand-in's URL, where the template has a vault. */
  keyVaultUri?: string
}

type ArmResource = { type: string; name: unknown; tags?: Record<string, unknown>; properties?: Record<string, any> }
type ArmTemplate = { parameters?: Record<string, { defaultValue?: unknown }>; variables?: Record<string, unknown>; resources: Record<string, ArmResource> | ArmResource[] }

/** Service Bus's defaults where the template leaves a property out. */
const DEFAULT_MAX_DELIVERY_COUNT = 10
const DEFAULT_MAX_MESSAGE_KB = 256

const LOCAL_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000'
const LOCAL_RESOURCE_GROUP = { id: `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/local`, name: 'local', location: 'local' }

export function readLocalInfrastructure(file: string): LocalInfrastructure {
  const template = JSON.parse(readFileSync(file, 'utf8')) as ArmTemplate
  const entries: [string, ArmResource][] = Array.isArray(template.resources) ? template.resources.map((r, i) => [String(i), r]) : Object.entries(template.resources)
  const base: ArmFunctions = {
    format,
    concat: (...parts) => parts.join(''),
    resourceGroup: () => LOCAL_RESOURCE_GROUP,
    // Azure's is a 13-character hash of its arguments; any stable one names the same resources on every read.
    uniqueString: (...parts) => createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 13),
    parameters: (name) => evaluateValue(template.parameters?.[String(name)]?.defaultValue, base),
    variables: (name) => evaluateValue(template.variables?.[String(name)], base),
    resourceId: (type, ...names) => {
      const [namespace, ...types] = String(type).split('/')
      return `${LOCAL_RESOURCE_GROUP.id}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`
    },
  }
  const nameOf = (resource: ArmResource) => String(evaluateValue(resource.name, base))
  const ofType = (type: string) => entries.filter(([, r]) => r.type === type)
  const sites = ofType('Microsoft.Web/sites')

  const functionApps = sites.map(([symbol, site]): LocalFunctionApp => {
    const name = site.tags?.[APP_FOLDER_TAG]
    if (typeof name !== 'string') throw new Error(`${file}: Function App ${symbol} has no ${APP_FOLDER_TAG} tag naming its folder`)
    const settings = (site.properties?.siteConfig?.appSettings ?? []) as { name: string; value: unknown }[]
    return { name, siteName: nameOf(site), settings }
  })
  const topics = ofType('Microsoft.ServiceBus/namespaces/topics').map(([, r]) => ({
    name: nameOf(r).split('/')[1]!,
    maxMessageBytes: (r.properties?.maxMessageSizeInKilobytes ?? DEFAULT_MAX_MESSAGE_KB) * 1024,
  }))
  const rules = ofType('Microsoft.ServiceBus/namespaces/topics/subscriptions/rules').map(([, r]) => ({ path: nameOf(r).split('/'), properties: r.properties ?? {} }))
  const subscriptions = ofType('Microsoft.ServiceBus/namespaces/topics/subscriptions').map(([, r]): LocalSubscription => {
    const [, topic, name] = nameOf(r).split('/') as [string, string, string]
    const own = rules.filter((rule) => rule.path[1] === topic && rule.path[2] === name)
    if (own.length > 1) throw new Error(`${file}: subscription ${topic}/${name} has ${own.length} rules; the local Service Bus reads one SQL filter per subscription`)
    const rule = own[0]?.properties
    if (rule && rule.filterType !== 'SqlFilter') throw new Error(`${file}: subscription ${topic}/${name} has a ${rule.filterType}; the local Service Bus reads SQL filters only`)
    return { topic, name, sqlFilter: rule?.sqlFilter?.sqlExpression ?? null, maxDeliveryCount: r.properties?.maxDeliveryCount ?? DEFAULT_MAX_DELIVERY_COUNT }
  })
  const tables = ofType('Microsoft.Storage/storageAccounts/tableServices/tables').map(([, r]) => nameOf(r).split('/').pop()!)

  const vaultSymbols = new Set(ofType('Microsoft.KeyVault/vaults').map(([symbol]) => symbol))
  const siteSymbols = new Map(sites.map(([symbol, site]) => [symbol, nameOf(site)]))
  const evaluate = (value: unknown, local: LocalDeployment) =>
    evaluateValue(value, {
      ...base,
      // Every Function App answers on the local host, the vault is the local one; other resources have no properties here (Application Insights does not run locally).
      reference: (symbol) => (siteSymbols.has(String(symbol)) ? { defaultHostName: local.hostName } : vaultSymbols.has(String(symbol)) ? { vaultUri: local.keyVaultUri } : {}),
      // listKeys('<site id>/host/default', …): the function keys of that app's host.
      listKeys: (id) => {
        const site = /\/providers\/Microsoft\.Web\/sites\/([^/]+)\/host\/default$/.exec(String(id))?.[1]
        if (!site) throw new Error(`${file}: listKeys(${id}) is not a Function App's host keys, the only keys a local run has`)
        return { functionKeys: { default: local.functionKey(site) } }
      },
    })
  return { functionApps, topics, subscriptions, tables, hasKeyVault: vaultSymbols.size > 0, evaluate }
}
