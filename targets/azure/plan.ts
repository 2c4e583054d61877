import { basename } from 'node:path'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import { providersFor } from '../../compiler/config/resource-providers.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { TARGET_DESCRIPTIONS } from '../catalog.ts'
import { isSlim } from '../lambda/entry.ts'
import { appFunctions } from '../lambda/wiring.ts'
import { appOptions } from '../shared/entry.ts'
import { secondPass } from '../shared/second-pass.ts'
import type { Plan, Target } from '../types.ts'
import { functionAppFiles, NODE_VERSION } from './app-files.ts'
import { appRoutesEntry, azureFunctionEntry, entryOut, FUNCTIONS_DIR, type AzureEntrySpec } from './entry.ts'
import { checkFunctionNames } from './function-names.ts'
import { checkSecretNames } from './secret-names.ts'
import { armTemplate } from './infra/arm.ts'
import { bicepTemplate } from './infra/bicep.ts'
import { infrastructure } from './infra/resources.ts'
import { OPENAPI_FILE } from './runtime/names.ts'
import { deriveAzureWiring, resourceName, type AzureWiring } from './wiring.ts'
import { tracedProcess, tracingPackages } from '../shared/tracing.ts'

/** Every function of every Function App, from one esbuild pass, and the files that make each folder an app. */
export function planAzure(model: AppModel, config: ResolvedConfig): Plan {
  const wiring = deriveAzureWiring(model, config)
  const options = appOptions(model.name, config)
  const key = (service: string, version: string, kind: string, definition: string) => `${service}@${version}/${kind}/${definition}`
  const byKey = new Map(appFunctions(model).map((fn) => [key(fn.service.serviceName, fn.service.serviceVersion, fn.kind, fn.definition.name), fn]))
  const firstGuess: AzureEntrySpec[] = wiring.apps.flatMap((app) =>
    app.functions.map((wired) => {
      const { service, definition } = byKey.get(key(wired.service.name, wired.service.version, wired.kind, wired.definition))!
      // A function that loads the whole service gets both definition builders; any other, its own kind's
      // until the bundle shows its code asks for the other one too (then it is bundled once more).
      return { app: app.name, topic: wiring.topic, service, definition, wired, projectRoot: config.projectRoot, options, secretStore: config.stores.secret, authGuard: config.authGuard, builderKinds: isSlim(service, definition) ? [wired.kind] : ['command', 'subscription'], resources: providersFor([service], config.resources), tracing: tracedProcess(config, `${model.name}-${app.name}`) }
    }),
  )
  // The app named after the purista app serves /api/openapi.json and /healthz; with none so named, the first.
  const home = wiring.apps.find((app) => app.name === resourceName(model.name)) ?? wiring.apps[0]!
  const entriesOf = (specs: AzureEntrySpec[]) => {
    const built = specs.map(azureFunctionEntry)
    return { entries: built.map((b) => b.entry), modules: built.map((b) => b.functionModule) }
  }
  const first = entriesOf(firstGuess)
  const { zodLite } = config.targets.azure
  return {
    entries: [...first.entries, appRoutesEntry(home.name)],
    modules: first.modules,
    revise: (metafile) => secondPass(firstGuess, metafile, { projectRoot: config.projectRoot, zodLite, outOf: (spec) => entryOut(spec.app, spec.wired.name), entriesOf }),
    // The worker provides @azure/functions-core; everything else is bundled, so an app folder deploys as it is.
    bundle: { external: ['@azure/functions-core'], preferEsm: true, target: `node${NODE_VERSION}`, shareChunks: true, runtimeEntry: 'targets/azure/runtime/purista.ts', zodLite, compiledValidators: config.targets.azure.compiledValidators },
    packages: [...azurePackages(wiring), ...tracingPackages(config)],
    openApiDocuments: [`${home.name}/${FUNCTIONS_DIR}/${OPENAPI_FILE}`],
    artifacts: [...wiring.apps.flatMap(functionAppFiles), ...infrastructureFiles(wiring)],
    nextSteps: [
      'az deployment group create --resource-group <group> --template-file {out}/infra/main.bicep   # or main.json',
      ...wiring.apps.map((app) => `cd {out}/${app.name} && func azure functionapp publish <the ${app.name} Function App, output ${app.name.replace(/[^A-Za-z0-9]/g, '')}Url>`),
    ],
  }
}

/** The same infrastructure twice: Bicep to read and keep, ARM JSON for tools (and deployments) without the Bicep CLI. */
function infrastructureFiles(wiring: AzureWiring) {
  const infra = infrastructure(wiring)
  return [
    { path: 'infra/main.bicep', contents: bicepTemplate(infra) },
    { path: 'infra/main.json', contents: JSON.stringify(armTemplate(infra), null, 2) + '\n' },
  ]
}

/** The optional packages the bundles need: @azure/functions always, the clients only where functions use them. */
function azurePackages(wiring: AzureWiring): string[] {
  const emits = wiring.apps.some((a) => a.emits)
  const usesState = wiring.apps.some((a) => a.usesState)
  const readsSecrets = wiring.apps.some((a) => a.readsSecrets)
  const clients = [...(emits ? ['@azure/service-bus'] : []), ...(usesState ? ['@azure/data-tables'] : []), ...(readsSecrets ? ['@azure/keyvault-secrets'] : [])]
  return ['@azure/functions', ...clients, ...(clients.length ? ['@azure/identity'] : [])]
}

/** targets.azure.apps must name services that exist, each once: a typo would otherwise be ignored silently. */
export function checkAzure(model: AppModel, config: ResolvedConfig): Diagnostic[] {
  const at = { file: basename(config.configFile), line: 1, column: 1 }
  const services = new Set(model.services.map((s) => s.serviceName))
  const seen = new Map<string, string>()
  const diagnostics: Diagnostic[] = []
  for (const [app, names] of Object.entries(config.targets.azure.apps)) {
    for (const name of names) {
      if (!services.has(name)) {
        diagnostics.push({ severity: 'error', code: 'invalid-config', message: `targets.azure.apps.${app} names "${name}", which is not a service of this app`, ...at, hint: `the services are ${[...services].sort().join(', ')}` })
      } else if (seen.has(name)) {
        diagnostics.push({ severity: 'error', code: 'invalid-config', message: `targets.azure.apps puts "${name}" into both ${seen.get(name)} and ${app}`, ...at, hint: 'a service runs in exactly one Function App' })
      } else seen.set(name, app)
    }
  }
  return [...diagnostics, ...checkFunctionNames(model, config), ...checkSecretNames(model, config), ...everyInstanceWarnings(model)]
}

/** A function has no instances of its own to deliver to: such a subscription gets each event once, from its topic subscription. */
function everyInstanceWarnings(model: AppModel): Diagnostic[] {
  return model.services.flatMap((service) =>
    service.subscriptions
      .filter((subscription) => subscription.everyInstance)
      .map((subscription) => ({
        severity: 'warning' as const,
        code: 'ignored-on-target' as const,
        message: `subscription "${subscription.name}" asks for every instance (receiveMessageOnEveryInstance), which has no meaning on Azure Functions: it runs once per event`,
        file: subscription.source.file,
        line: subscription.source.line,
        column: subscription.source.column,
        hint: 'build for monolith or containers where running instances each need the event',
      })),
  )
}

export const azureTarget: Target = {
  name: 'azure',
  description: TARGET_DESCRIPTIONS.azure,
  check: checkAzure,
  plan: planAzure,
}
