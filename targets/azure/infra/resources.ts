import { invokeKeyVariable, invokeUrlVariable } from '../runtime/invoke-names.ts'
import { KEY_VAULT_URL_VARIABLE, SERVICE_BUS_CONNECTION, STATE_TABLE_VARIABLE, TABLES_CONNECTION } from '../runtime/names.ts'
import type { AzureWiring, FunctionAppWiring } from '../wiring.ts'
import { expr, interpolate, parameter, propertyOf, resourceId, variable, type Expression, type Value } from './expression.ts'
import { otelAppSettings, otelParameters } from './otel-settings.ts'
import { ROLES, type RoleName } from './roles.ts'

/** A resource as both templates declare it, under its symbolic name. */
export interface Resource {
  type: string
  apiVersion: string
  name: Value
  /** The resource an extension resource (a role assignment) applies to. */
  scope?: Expression
  location?: Value
  kind?: string
  tags?: Value
  sku?: Value
  identity?: Value
  properties?: Value
  dependsOn?: string[]
}

export interface Infrastructure {
  /** secure: a value the deployment keeps out of its logs and outputs (ARM's securestring, Bicep's @secure()). */
  parameters: Record<string, { type: 'string'; defaultValue: Value; description: string; secure?: true }>
  variables: Record<string, Value>
  resources: Record<string, Resource>
  outputs: Record<string, { type: 'string'; value: Value }>
}

/** Resource names Azure derives from the resource group, so a redeploy finds the same resources. */
const suffix = expr('uniqueString(resourceGroup().id)', 'uniqueString(resourceGroup().id)')
const location = parameter('location')
/**
 * The tag that names a Function App's folder in dist/azure (as azd's azd-service-name maps code to a
 * resource): what `purista start --target azure` loads into each app it reads from main.json.
 */
export const APP_FOLDER_TAG = 'purista-app'
/** Table names are letters and digits only. */
export const STATE_TABLE = 'puristastate'

const API = {
  storage: '2023-05-01',
  serviceBus: '2022-10-01-preview',
  web: '2023-12-01',
  insights: '2020-02-02',
  logs: '2023-09-01',
  roles: '2022-04-01',
  keyVault: '2023-07-01',
}

/** Symbolic names: letters and digits, so they are valid in both languages. */
const symbol = (...parts: string[]) => parts.map((p) => p.replace(/[^A-Za-z0-9]/g, '')).map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('')

/**
 * The deployment of a wiring: a storage account (the Functions hosts' storage, one deployment
 * container per app, the state table), Application Insights, a Service Bus namespace with the app's
 * topic and one subscription per purista subscription, whose SQL filter picks its events and which
 * dead-letters after maxDeliveryCount, and one Function App per app on a Flex Consumption (or
 * Consumption) plan with a managed identity. The identity gets exactly the data roles its functions need.
 */
export function infrastructure(wiring: AzureWiring): Infrastructure {
  const resources: Record<string, Resource> = {}
  const usesState = wiring.apps.some((a) => a.usesState)
  const needsBus = wiring.apps.some((a) => a.emits || a.functions.some((f) => f.subscription))
  const readsSecrets = wiring.apps.some((a) => a.readsSecrets)
  const storageName = variable('storageName')
  const busName = variable('serviceBusName')

  resources.storage = {
    type: 'Microsoft.Storage/storageAccounts',
    apiVersion: API.storage,
    name: storageName,
    location,
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS' },
    // Every client authenticates with its managed identity: no account keys.
    properties: { allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true },
  }
  if (usesState) {
    resources.stateTable = { type: 'Microsoft.Storage/storageAccounts/tableServices/tables', apiVersion: API.storage, name: interpolate([storageName, `/default/${STATE_TABLE}`]), dependsOn: ['storage'] }
  }
  resources.logs = { type: 'Microsoft.OperationalInsights/workspaces', apiVersion: API.logs, name: interpolate(['log-', suffix]), location, properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 } }
  resources.insights = {
    type: 'Microsoft.Insights/components',
    apiVersion: API.insights,
    name: interpolate(['appi-', suffix]),
    location,
    kind: 'web',
    properties: { Application_Type: 'web', WorkspaceResourceId: resourceId('Microsoft.OperationalInsights/workspaces', interpolate(['log-', suffix])) },
    dependsOn: ['logs'],
  }
  if (needsBus) {
    // Standard is the smallest tier with topics; local (SAS) auth is off: identities only.
    resources.serviceBus = { type: 'Microsoft.ServiceBus/namespaces', apiVersion: API.serviceBus, name: busName, location, sku: { name: 'Standard', tier: 'Standard' }, properties: { disableLocalAuth: true, minimumTlsVersion: '1.2' } }
    resources.topic = { type: 'Microsoft.ServiceBus/namespaces/topics', apiVersion: API.serviceBus, name: interpolate([busName, `/${wiring.topic}`]), properties: { maxMessageSizeInKilobytes: 256 }, dependsOn: ['serviceBus'] }
  }
  if (readsSecrets) {
    // Access by Azure roles only (no access policies), so each app's grant is a role assignment like the others.
    resources.keyVault = {
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: API.keyVault,
      name: variable('keyVaultName'),
      location,
      properties: { tenantId: expr('subscription().tenantId', 'subscription().tenantId'), sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true, enableSoftDelete: true, softDeleteRetentionInDays: 90 },
    }
  }
  for (const app of wiring.apps) Object.assign(resources, functionApp(wiring, app))
  return {
    parameters: {
      location: { type: 'string', defaultValue: expr('resourceGroup().location', 'resourceGroup().location'), description: 'Where the resources go; by default where the resource group is.' },
      ...(wiring.tracing && otelParameters()),
    },
    variables: {
      storageName: interpolate(['st', suffix]),
      ...(needsBus && { serviceBusName: interpolate(['sb-', suffix]) }),
      ...(readsSecrets && { keyVaultName: interpolate(['kv-', suffix]) }),
    },
    resources,
    outputs: {
      ...Object.fromEntries(wiring.apps.map((app) => [`${symbol(app.name)}Url`, { type: 'string' as const, value: interpolate(['https://', propertyOf(siteSymbol(app), 'defaultHostName')]) }])),
      // Where the secrets go: az keyvault secret set --vault-name <keyVaultName> --name apiKey --value …
      ...(readsSecrets && { keyVaultName: { type: 'string' as const, value: variable('keyVaultName') } }),
    },
  }
}

const siteSymbol = (app: FunctionAppWiring) => symbol('site', app.name)
const siteName = (app: FunctionAppWiring) => interpolate([`func-${app.name}-`, suffix])

function functionApp(wiring: AzureWiring, app: FunctionAppWiring): Record<string, Resource> {
  const resources: Record<string, Resource> = {}
  const site = siteSymbol(app)
  const plan = symbol('plan', app.name)
  const container = symbol('deployment', app.name)
  const storageName = variable('storageName')
  const busName = variable('serviceBusName')
  const flex = wiring.plan === 'flex'
  const containerName = `deploy-${app.name}`.slice(0, 63)

  if (flex) resources[container] = { type: 'Microsoft.Storage/storageAccounts/blobServices/containers', apiVersion: API.storage, name: interpolate([storageName, `/default/${containerName}`]), dependsOn: ['storage'] }
  resources[plan] = {
    type: 'Microsoft.Web/serverfarms',
    apiVersion: API.web,
    name: interpolate([`plan-${app.name}-`, suffix]),
    location,
    kind: 'functionapp',
    sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'Y1', tier: 'Dynamic' },
    properties: { reserved: true },
  }
  const subscriptions = app.functions.filter((f) => f.subscription)
  const settings: [string, Value][] = [
    // The host's own storage, reached with the identity.
    ['AzureWebJobsStorage__accountName', storageName],
    ['APPLICATIONINSIGHTS_CONNECTION_STRING', propertyOf('insights', 'ConnectionString')],
    // Stack traces in the logs point into the user's sources.
    ['NODE_OPTIONS', '--enable-source-maps'],
    ...(wiring.tracing ? otelAppSettings() : []),
    ...(flex ? [] : ([['FUNCTIONS_EXTENSION_VERSION', '~4'], ['FUNCTIONS_WORKER_RUNTIME', 'node']] as [string, Value][])),
    ...(app.emits || subscriptions.length ? [[`${SERVICE_BUS_CONNECTION}__fullyQualifiedNamespace`, interpolate([busName, '.servicebus.windows.net'])] as [string, Value]] : []),
    ...(app.usesState
      ? ([
          [`${TABLES_CONNECTION}__tableServiceUri`, interpolate(['https://', storageName, '.table.core.windows.net'])],
          [STATE_TABLE_VARIABLE, STATE_TABLE],
        ] as [string, Value][])
      : []),
    ...(app.readsSecrets ? [[KEY_VAULT_URL_VARIABLE, propertyOf('keyVault', 'vaultUri')] as [string, Value]] : []),
    // canInvoke across apps: the other app's address and its default function key.
    ...app.invokesApps.flatMap((other): [string, Value][] => {
      const target = wiring.apps.find((a) => a.name === other)!
      return [
        [invokeUrlVariable(other), interpolate(['https://', propertyOf(siteSymbol(target), 'defaultHostName')])],
        [invokeKeyVariable(other), expr(`listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', ${siteName(target).arm})), '${API.web}').functionKeys.default`, `listKeys('\${${siteSymbol(target)}.id}/host/default', '${API.web}').functionKeys.default`)],
      ]
    }),
  ]
  resources[site] = {
    type: 'Microsoft.Web/sites',
    apiVersion: API.web,
    name: siteName(app),
    location,
    kind: 'functionapp,linux',
    tags: { [APP_FOLDER_TAG]: app.name },
    identity: { type: 'SystemAssigned' },
    properties: {
      serverFarmId: resourceId('Microsoft.Web/serverfarms', interpolate([`plan-${app.name}-`, suffix])),
      httpsOnly: true,
      siteConfig: { ...(flex ? {} : { linuxFxVersion: 'Node|22' }), minTlsVersion: '1.2', appSettings: settings.map(([name, value]) => ({ name, value })) },
      ...(flex && {
        functionAppConfig: {
          deployment: { storage: { type: 'blobContainer', value: interpolate(['https://', storageName, `.blob.core.windows.net/${containerName}`]), authentication: { type: 'SystemAssignedIdentity' } } },
          scaleAndConcurrency: { maximumInstanceCount: 100, instanceMemoryMB: 2048 },
          runtime: { name: 'node', version: '22' },
        },
      }),
    },
    dependsOn: [plan, 'insights', 'storage', ...(flex ? [container] : []), ...(app.readsSecrets ? ['keyVault'] : []), ...app.invokesApps.map((other) => siteSymbol(wiring.apps.find((a) => a.name === other)!))],
  }

  const principalId = expr(`reference('${site}', '${API.web}', 'full').identity.principalId`, `${site}.identity.principalId`)
  /** A role for this app's identity on one resource: in Bicep the scope is the resource's symbol, in ARM its id. */
  const assign = (key: string, role: RoleName, scopeId: Expression, scopeSymbol: string) => {
    const scope = expr(scopeId.arm, scopeSymbol)
    resources[symbol('role', app.name, key)] = {
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: API.roles,
      // Deterministic: the same assignment on every redeploy.
      name: expr(`guid(${scopeId.arm}, '${app.name}', '${ROLES[role]}')`, `guid(${scopeSymbol}.id, '${app.name}', '${ROLES[role]}')`),
      scope,
      properties: { roleDefinitionId: expr(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLES[role]}')`, `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLES[role]}')`), principalId, principalType: 'ServicePrincipal' },
      dependsOn: [site, scopeSymbol],
    }
  }
  assign('hostStorage', 'storageBlobDataOwner', resourceId('Microsoft.Storage/storageAccounts', storageName), 'storage')
  // An app whose functions only read state cannot change it.
  if (app.usesState) assign('state', app.writesState ? 'storageTableDataContributor' : 'storageTableDataReader', resourceId('Microsoft.Storage/storageAccounts/tableServices/tables', storageName, 'default', STATE_TABLE), 'stateTable')
  // The vault holds only this deployment's secrets; an app whose code reads none gets no access to it.
  if (app.readsSecrets) assign('secrets', 'keyVaultSecretsUser', resourceId('Microsoft.KeyVault/vaults', variable('keyVaultName')), 'keyVault')
  if (app.emits) assign('send', 'serviceBusDataSender', resourceId('Microsoft.ServiceBus/namespaces/topics', busName, wiring.topic), 'topic')
  for (const fn of subscriptions) {
    const sub = fn.subscription!
    const subSymbol = symbol('subscription', fn.name)
    resources[subSymbol] = {
      type: 'Microsoft.ServiceBus/namespaces/topics/subscriptions',
      apiVersion: API.serviceBus,
      name: interpolate([busName, `/${wiring.topic}/${sub.name}`]),
      properties: { maxDeliveryCount: sub.maxDeliveryCount, lockDuration: 'PT1M', deadLetteringOnMessageExpiration: true, deadLetteringOnFilterEvaluationExceptions: true },
      dependsOn: ['topic'],
    }
    // Named $Default, it replaces the catch-all rule a new subscription starts with.
    resources[symbol('filter', fn.name)] = {
      type: 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules',
      apiVersion: API.serviceBus,
      name: interpolate([busName, `/${wiring.topic}/${sub.name}/$Default`]),
      properties: { filterType: 'SqlFilter', sqlFilter: { sqlExpression: sub.sqlFilter } },
      dependsOn: [subSymbol],
    }
    assign(`receive-${fn.name}`, 'serviceBusDataReceiver', resourceId('Microsoft.ServiceBus/namespaces/topics/subscriptions', busName, wiring.topic, sub.name), subSymbol)
  }
  return resources
}
