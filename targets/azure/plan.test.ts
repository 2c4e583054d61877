import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { analyze } from '../../compiler/analyze/analyze.ts'
import { bundle } from '../../compiler/bundle/bundle.ts'
import { loadedOutputs } from '../../compiler/bundle/loaded-outputs.ts'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { analyzeProject } from '../../compiler/analyze/test-project.ts'
import { REPO } from '../../e2e/helpers.ts'
import { checkAzure, planAzure } from './plan.ts'
import { deriveAzureWiring, sqlFilter } from './wiring.ts'

function planned(configPath: string) {
  const { config } = loadConfig(configPath)
  const { model } = analyze(config!)
  return { config: config!, model }
}

test.each([['user-email', 'purista.config.ts'], ['shop', 'fixtures/shop/purista.config.ts'], ['fullexample', 'fixtures/fullexample/purista.config.ts']])(
  '%s: each function module holds its own definition, and only the Azure clients it uses',
  async (_, configFile) => {
    const { config, model } = planned(join(REPO, configFile))
    const plan = planAzure(model, config)
    const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-plan-'))
    try {
      const { metafile } = await bundle({ entries: plan.entries, modules: plan.modules, outDir, resolveDir: config.projectRoot, ...plan.bundle })
      // No function's code asks for the other kind's builder: a revision only bundles again, unchanged, the ones whose code needs zod's classic build.
      const revised = plan.revise!(metafile)
      for (const entry of [...(revised?.entries ?? []), ...(revised?.zodLite?.entries ?? [])]) expect(plan.entries).toContainEqual(entry)
      const definitionFiles = new Set(model.services.flatMap((s) => [...s.commands, ...s.subscriptions].map((d) => d.source.file)))
      for (const app of deriveAzureWiring(model, config).apps) {
        for (const fn of app.functions) {
          const entry = Object.keys(metafile.outputs).find((path) => path.endsWith(`${app.name}/functions/${fn.name}.mjs`))!
          const inputs = [...loadedOutputs(metafile, entry)].flatMap((path) => Object.keys(metafile.outputs[path]!.inputs))
          const own = model.services.find((s) => s.serviceName === fn.service.name)!
          const definition = [...own.commands, ...own.subscriptions].find((d) => d.name === fn.definition)!
          expect(inputs.filter((input) => definitionFiles.has(input)), fn.name).toEqual([definition.source.file])
          const clients = ['@azure/service-bus', '@azure/data-tables', '@azure/identity'].filter((pkg) => inputs.some((input) => input.includes(`node_modules/${pkg}/`)))
          expect(clients, fn.name).toEqual([...(fn.emits ? ['@azure/service-bus'] : []), ...(fn.usesState ? ['@azure/data-tables'] : []), ...(fn.emits || fn.usesState ? ['@azure/identity'] : [])])
          // The code that runs hooks and the state limits only where the definition sets hooks or uses state:
          // the limits of names wherever it uses state, those of values and the code that writes only where it writes.
          const carries = (file: string) => inputs.some((input) => resolve(config.projectRoot, input) === join(REPO, file))
          expect(carries('runtime/service/hooked-run.ts'), `${fn.name} runs hooks`).toBe(definition.hooks)
          expect(carries('runtime/stores/state-names.ts'), `${fn.name} limits state names`).toBe(fn.usesState)
          expect(carries('runtime/stores/state-limits.ts'), `${fn.name} limits state values`).toBe(fn.writesState)
          expect(carries('targets/azure/runtime/table-state-store.ts'), `${fn.name} writes state`).toBe(fn.writesState)
        }
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  },
  60_000,
)

test('targets.azure.apps must name services, each in one app', () => {
  const { config, model } = planned(join(REPO, 'fixtures/shop/purista.config.ts'))
  const apps = { orders: ['Order', 'Inventory', 'Nope'], more: ['Order'] }
  const messages = checkAzure(model, { ...config, targets: { ...config.targets, azure: { ...config.targets.azure, apps } } }).map((d) => d.message)
  expect(messages).toEqual(['targets.azure.apps.orders names "Nope", which is not a service of this app', 'targets.azure.apps puts "Order" into both orders and more'])
})

test('a subscription filter matches the event name, and the sender version when the subscription names one', () => {
  expect(sqlFilter({ event: 'userRegistered', eventServiceVersion: null })).toBe("eventName = 'userRegistered'")
  expect(sqlFilter({ event: "it's", eventServiceVersion: '2' })).toBe("eventName = 'it''s' AND senderServiceVersion = '2'")
})

test("stores.secret 'azure-key-vault': only a function whose code reads secrets bundles the Key Vault client", async () => {
  const { config: loaded, model } = planned(join(REPO, 'fixtures/fullexample/purista.config.ts'))
  const config = { ...loaded, stores: { ...loaded.stores, secret: 'azure-key-vault' as const } }
  const plan = planAzure(model, config)
  const outDir = mkdtempSync(join(tmpdir(), 'purista-azure-plan-'))
  try {
    const { metafile } = await bundle({ entries: plan.entries, modules: plan.modules, outDir, resolveDir: config.projectRoot, ...plan.bundle })
    const readers = deriveAzureWiring(model, config).apps.flatMap((app) =>
      app.functions.map((fn) => {
        const entry = Object.keys(metafile.outputs).find((path) => path.endsWith(`${app.name}/functions/${fn.name}.mjs`))!
        const inputs = [...loadedOutputs(metafile, entry)].flatMap((path) => Object.keys(metafile.outputs[path]!.inputs))
        return { name: fn.name, secrets: fn.secrets, bundlesKeyVault: inputs.some((input) => input.includes('node_modules/@azure/keyvault-secrets/')) }
      }),
    )
    expect(readers.filter((fn) => fn.bundlesKeyVault)).toEqual([{ name: 'Article-v1-publishArticle', secrets: ['signingKey'], bundlesKeyVault: true }])
    expect(readers.filter((fn) => fn.secrets.length && !fn.bundlesKeyVault)).toEqual([])
    expect(plan.packages).toContain('@azure/keyvault-secrets')
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}, 60_000)

test("stores.secret 'azure-key-vault': a secret name Key Vault cannot hold fails the build, naming the function", () => {
  const { config } = planned(join(REPO, 'fixtures/shop/purista.config.ts'))
  const { model } = analyzeProject({
    'src/services.ts': `import { ServiceBuilder } from 'purista'
const mail = new ServiceBuilder({ serviceName: 'Mail', serviceVersion: '1', serviceDescription: '' })
const send = mail.getCommandBuilder('send', '').setCommandFunction(async (context) => context.secrets.getSecret('smtp_password', 'smtp-user'))
export const mailService = mail.addCommandDefinition(send.getDefinition())
`,
  })
  const messages = (secret: 'azure-key-vault' | 'env') => checkAzure(model, { ...config, stores: { ...config.stores, secret } }).map((d) => d.message)
  expect(messages('azure-key-vault')).toEqual(['command "send" of Mail v1 reads the secret "smtp_password", a name Key Vault cannot hold'])
  expect(messages('env')).toEqual([])
})
