import { join } from 'node:path'
import { expect, test } from 'vitest'
import { analyze } from '../../../compiler/analyze/analyze.ts'
import { analyzeProject } from '../../../compiler/analyze/test-project.ts'
import { loadConfig } from '../../../compiler/config/load-config.ts'
import { REPO } from '../../../e2e/helpers.ts'
import { OTEL_SETTINGS } from '../../shared/tracing.ts'
import { deriveAzureWiring } from '../wiring.ts'
import { armTemplate } from './arm.ts'
import { bicepTemplate } from './bicep.ts'
import { otelParameterName } from './otel-settings.ts'
import { infrastructure } from './resources.ts'
import { ROLES } from './roles.ts'

/** The shop, split as a user might: orders and stock in one Function App, the other services in another. */
function shopTemplates() {
  const { config } = loadConfig(join(REPO, 'fixtures/shop/purista.config.ts'))
  const split = { ...config!, targets: { ...config!.targets, azure: { ...config!.targets.azure, apps: { orders: ['Order', 'Inventory'] } } } }
  const { model } = analyze(split)
  const infra = infrastructure(deriveAzureWiring(model, split))
  return { model, arm: armTemplate(infra) as { resources: Record<string, { type: string; name: string; scope?: string; properties?: any; dependsOn?: string[] }> }, bicep: bicepTemplate(infra) }
}

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

test('one topic subscription per purista subscription, each with its SQL filter as its only rule and dead-lettering', () => {
  const { model, arm } = shopTemplates()
  const resources = Object.values(arm.resources)
  const subscriptions = resources.filter((r) => r.type === 'Microsoft.ServiceBus/namespaces/topics/subscriptions')
  const rules = resources.filter((r) => r.type === 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules')
  const expected = model.services.flatMap((s) => s.subscriptions.map((sub) => ({ name: `${s.serviceName}-v${s.serviceVersion}-${sub.name}`, filter: `eventName = '${sub.event}'${sub.eventServiceVersion ? ` AND senderServiceVersion = '${sub.eventServiceVersion}'` : ''}`, durable: sub.durable })))
  expect(subscriptions.map((r) => r.name.match(/\/shop\/([^/']+)'/)![1]).sort()).toEqual(expected.map((e) => e.name).sort())
  for (const e of expected) {
    const sub = subscriptions.find((r) => r.name.includes(`/shop/${e.name}'`))!
    expect(sub.properties).toMatchObject({ maxDeliveryCount: e.durable ? 10 : 1, deadLetteringOnMessageExpiration: true })
    const rule = rules.filter((r) => r.name.includes(`/shop/${e.name}/`))
    expect(rule).toHaveLength(1)
    expect(rule[0]!.name).toContain('/$Default')
    expect(rule[0]!.properties).toEqual({ filterType: 'SqlFilter', sqlFilter: { sqlExpression: e.filter } })
  }
})

test('role assignments are exactly what the functions need, on the narrowest scope; no Owner or Contributor anywhere', () => {
  const { model, arm } = shopTemplates()
  const text = JSON.stringify(arm)
  expect(text).not.toContain(OWNER)
  expect(text).not.toContain(CONTRIBUTOR)
  const roleName = Object.fromEntries(Object.entries(ROLES).map(([name, id]) => [id, name]))
  const assigned = Object.values(arm.resources)
    .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')
    .map((r) => {
      const app = r.properties.principalId.match(/reference\('site(\w+)'/)![1].toLowerCase()
      const role = roleName[r.properties.roleDefinitionId.match(/'([0-9a-f-]{36})'/)![1]]
      const scope = r.scope!.match(/resourceId\('([^']+)'/)![1].split('/').pop() + (r.scope!.match(/, '([^']+)'\)\]$/)?.[1] ? `:${r.scope!.match(/, '([^']+)'\)\]$/)![1]}` : '')
      return `${app} ${role} ${scope}`
    })
    .sort()
  // Derived from the model by hand: which services emit, use state and subscribe, per app.
  const appOf = (service: string) => (['Order', 'Inventory'].includes(service) ? 'orders' : 'shop')
  const expected = new Set<string>()
  for (const app of ['orders', 'shop']) {
    expected.add(`${app} storageBlobDataOwner storageAccounts`)
    const state = model.services.filter((s) => appOf(s.serviceName) === app).flatMap((s) => [...s.commands, ...s.subscriptions].flatMap((d) => d.stateMethods))
    if (state.length) expected.add(`${app} ${state.some((method) => method !== 'getState') ? 'storageTableDataContributor' : 'storageTableDataReader'} tables:puristastate`)
  }
  for (const s of model.services) {
    if (s.commands.some((c) => c.successEvent || c.emits.length) || s.subscriptions.some((sub) => sub.outputEvent || sub.emits.length)) expected.add(`${appOf(s.serviceName)} serviceBusDataSender topics:shop`)
    for (const sub of s.subscriptions) expected.add(`${appOf(s.serviceName)} serviceBusDataReceiver subscriptions:${s.serviceName}-v${s.serviceVersion}-${sub.name}`)
  }
  expect(assigned).toEqual([...expected].sort())
})

test('an app whose functions only read state gets Storage Table Data Reader on the state table, one that writes it Contributor', () => {
  const { config } = loadConfig(join(REPO, 'fixtures/shop/purista.config.ts'))
  const { model } = analyzeProject({
    'src/services.ts': `import { ServiceBuilder } from 'purista'
const reports = new ServiceBuilder({ serviceName: 'Reports', serviceVersion: '1', serviceDescription: '' })
const ledger = new ServiceBuilder({ serviceName: 'Ledger', serviceVersion: '1', serviceDescription: '' })
const read = reports.getCommandBuilder('read', '').setCommandFunction(async (context) => context.states.getState('total'))
const book = ledger.getCommandBuilder('book', '').setCommandFunction(async (context) => context.states.setState('total', 1))
export const reportsService = reports.addCommandDefinition(read.getDefinition())
export const ledgerService = ledger.addCommandDefinition(book.getDefinition())
`,
  })
  const split = { ...config!, targets: { ...config!.targets, azure: { ...config!.targets.azure, apps: { reports: ['Reports'] } } } }
  const wiring = deriveAzureWiring(model, split)
  const arm = armTemplate(infrastructure(wiring)) as { resources: Record<string, { type: string; properties?: any }> }
  const tableRoles = Object.values(arm.resources)
    .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments' && [ROLES.storageTableDataReader, ROLES.storageTableDataContributor].some((id) => r.properties.roleDefinitionId.includes(id)))
    .map((r) => `${r.properties.principalId.match(/reference\('site(\w+)'/)![1]} ${r.properties.roleDefinitionId.includes(ROLES.storageTableDataReader) ? 'Reader' : 'Contributor'}`)
  // The rest of the app (analyzeProject names it test) books, so it may write.
  expect(tableRoles.sort()).toEqual(['Reports Reader', 'Test Contributor'])
})

test('the Bicep file declares the same resources as the ARM template, and every dependency exists', () => {
  const { arm, bicep } = shopTemplates()
  const symbols = Object.keys(arm.resources)
  expect([...bicep.matchAll(/^resource (\w+) '([^@]+)@/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual(symbols.map((s) => `${s} ${arm.resources[s]!.type}`))
  for (const resource of Object.values(arm.resources)) for (const dependency of resource.dependsOn ?? []) expect(symbols).toContain(dependency)
  // Orders invokes Customer in the other app: it reaches it with that app's function key, read at deployment.
  const ordersSite = arm.resources.siteOrders!
  const settings = Object.fromEntries(ordersSite.properties.siteConfig.appSettings.map((s: { name: string; value: string }) => [s.name, s.value]))
  expect(settings.PURISTA_APP_SHOP_URL).toBe("[format('https://{0}', reference('siteShop').defaultHostName)]")
  expect(settings.PURISTA_APP_SHOP_KEY).toMatch(/^\[listKeys\(format\('\{0\}\/host\/default', resourceId\('Microsoft.Web\/sites'/)
  expect(settings.PURISTA_SERVICEBUS__fullyQualifiedNamespace).toBe("[format('{0}.servicebus.windows.net', variables('serviceBusName'))]")
})

test('a traced build takes the OTEL_* export settings as parameters, the headers secure, and gives them to every Function App', () => {
  const templatesOf = (tracing: boolean) => {
    const { config } = loadConfig(join(REPO, 'fixtures/shop/purista.config.ts'))
    const traced = { ...config!, telemetry: { tracing }, targets: { ...config!.targets, azure: { ...config!.targets.azure, apps: { orders: ['Order', 'Inventory'] } } } }
    const infra = infrastructure(deriveAzureWiring(analyze(traced).model, traced))
    return { arm: armTemplate(infra) as { parameters: Record<string, { type: string; defaultValue: string }>; resources: Record<string, { type: string; properties?: any }> }, bicep: bicepTemplate(infra) }
  }
  const settingsOf = (arm: ReturnType<typeof templatesOf>['arm']) =>
    Object.values(arm.resources)
      .filter((r) => r.type === 'Microsoft.Web/sites')
      .map((site) => Object.fromEntries(site.properties.siteConfig.appSettings.filter((s: { name: string }) => s.name.startsWith('OTEL_')).map((s: { name: string; value: string }) => [s.name, s.value])))

  const { arm, bicep } = templatesOf(true)
  expect(otelParameterName('OTEL_EXPORTER_OTLP_ENDPOINT')).toBe('otelExporterOtlpEndpoint')
  const settings = OTEL_SETTINGS.map((name) => [name, otelParameterName(name)] as const)
  for (const [, parameter] of settings) expect(arm.parameters[parameter]).toMatchObject({ type: parameter === 'otelExporterOtlpHeaders' ? 'securestring' : 'string', defaultValue: '' })
  expect(bicep).toContain("@secure()\n@description('OTEL_EXPORTER_OTLP_HEADERS of every Function App (OpenTelemetry export); empty: not set.')\nparam otelExporterOtlpHeaders string = ''")
  expect(bicep).toMatch(/^param otelExporterOtlpEndpoint string = ''$/m)
  const apps = settingsOf(arm)
  expect(apps).toHaveLength(2)
  for (const app of apps) expect(app).toEqual(Object.fromEntries(settings.map(([name, parameter]) => [name, `[parameters('${parameter}')]`])))
  expect(bicep).toMatch(/name: 'OTEL_EXPORTER_OTLP_ENDPOINT'\n\s+value: otelExporterOtlpEndpoint\n/)

  const untraced = templatesOf(false).arm
  expect(Object.keys(untraced.parameters)).toEqual(['location'])
  for (const app of settingsOf(untraced)) expect(app).toEqual({})
})

test("stores.secret 'azure-key-vault': one vault with Azure-role access, Key Vault Secrets User and its URL only for apps whose code reads secrets", () => {
  const { config } = loadConfig(join(REPO, 'fixtures/shop/purista.config.ts'))
  const { model } = analyzeProject({
    'src/services.ts': `import { ServiceBuilder } from 'purista'
const mail = new ServiceBuilder({ serviceName: 'Mail', serviceVersion: '1', serviceDescription: '' })
const report = new ServiceBuilder({ serviceName: 'Report', serviceVersion: '1', serviceDescription: '' })
const send = mail.getCommandBuilder('send', '').setCommandFunction(async (context) => context.secrets.getSecret('smtpPassword'))
const total = report.getCommandBuilder('total', '').setCommandFunction(async () => 1)
export const mailService = mail.addCommandDefinition(send.getDefinition())
export const reportService = report.addCommandDefinition(total.getDefinition())
`,
  })
  const templatesOf = (secret: 'azure-key-vault' | 'env') => {
    const split = { ...config!, stores: { ...config!.stores, secret }, targets: { ...config!.targets, azure: { ...config!.targets.azure, apps: { reports: ['Report'] } } } }
    const infra = infrastructure(deriveAzureWiring(model, split))
    return { arm: armTemplate(infra) as { resources: Record<string, { type: string; scope?: string; properties?: any }>; outputs: Record<string, unknown> }, bicep: bicepTemplate(infra) }
  }
  const { arm, bicep } = templatesOf('azure-key-vault')
  expect(arm.resources.keyVault).toMatchObject({ type: 'Microsoft.KeyVault/vaults', properties: { enableRbacAuthorization: true, sku: { name: 'standard' } } })
  expect(bicep).toMatch(/^resource keyVault 'Microsoft.KeyVault\/vaults@/m)
  const vaultRoles = Object.values(arm.resources).filter((r) => r.type === 'Microsoft.Authorization/roleAssignments' && r.properties.roleDefinitionId.includes(ROLES.keyVaultSecretsUser))
  // analyzeProject names the app test: Mail runs there, Report (no secrets) in reports.
  expect(vaultRoles.map((r) => `${r.properties.principalId.match(/reference\('site(\w+)'/)![1]} ${r.scope}`)).toEqual(["Test [resourceId('Microsoft.KeyVault/vaults', variables('keyVaultName'))]"])
  const vaultUrlOf = (site: string) => arm.resources[site]!.properties.siteConfig.appSettings.find((s: { name: string }) => s.name === 'PURISTA_KEY_VAULT_URL')?.value
  expect([vaultUrlOf('siteTest'), vaultUrlOf('siteReports')]).toEqual(["[reference('keyVault').vaultUri]", undefined])
  expect(arm.outputs).toHaveProperty('keyVaultName')

  const withoutVault = templatesOf('env').arm
  expect(Object.values(withoutVault.resources).filter((r) => r.type === 'Microsoft.KeyVault/vaults' || r.properties?.roleDefinitionId?.includes(ROLES.keyVaultSecretsUser))).toEqual([])
})
