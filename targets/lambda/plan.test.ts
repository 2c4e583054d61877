import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { analyze } from '../../compiler/analyze/analyze.ts'
import { analyzeProject } from '../../compiler/analyze/test-project.ts'
import { bundle } from '../../compiler/bundle/bundle.ts'
import { loadedOutputs } from '../../compiler/bundle/loaded-outputs.ts'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { REPO } from '../../e2e/helpers.ts'
import { checkLambda, planLambda } from './plan.ts'
import { functionName } from './wiring.ts'

function planned(configPath: string) {
  const { config } = loadConfig(configPath)
  const { model } = analyze(config!)
  return { config: config!, model, plan: planLambda(model, config!) }
}

test.each([['user-email', 'purista.config.ts'], ['shop', 'fixtures/shop/purista.config.ts'], ['fullexample', 'fixtures/fullexample/purista.config.ts']])(
  '%s: each function bundle holds its own definition, the runtime, and only the AWS clients it uses',
  async (_, configFile) => {
    const { config, model, plan } = planned(join(REPO, configFile))
    const outDir = mkdtempSync(join(tmpdir(), 'purista-lambda-plan-'))
    try {
      const { metafile } = await bundle({ entries: plan.entries, modules: plan.modules, outDir, resolveDir: config.projectRoot, ...plan.bundle })
      // No function's code asks for the other kind's builder: the revision makes again, unchanged, only
      // functions that keep zod, and adds the app routes function the first pass left out.
      const revised = plan.revise!(metafile)!
      const planned = new Map(plan.entries.map((entry) => [entry.out, entry]))
      expect(revised.entries.filter((entry) => !planned.has(entry.out)).map((entry) => entry.out)).toEqual(['functions/purista-app-routes/index'])
      for (const entry of revised.entries.filter((entry) => planned.has(entry.out))) expect(entry).toEqual(planned.get(entry.out))
      expect(revised.zodLite).toBeUndefined()
      const definitionFiles = new Set(model.services.flatMap((s) => [...s.commands, ...s.subscriptions].map((d) => d.source.file)))
      for (const service of model.services) {
        for (const definition of [...service.commands, ...service.subscriptions]) {
          const entry = Object.keys(metafile.outputs).find((path) => path.endsWith(`functions/${functionName(service, definition.name)}/index.mjs`))!
          // The entry and the shared chunks it loads; inputs are relative to the project root, like the model's source files.
          const loaded = [...loadedOutputs(metafile, entry)]
          const inputs = loaded.flatMap((path) => Object.keys(metafile.outputs[path]!.inputs))
          // No other command's or subscription's code, no build tool.
          expect(inputs.filter((input) => definitionFiles.has(input))).toEqual([definition.source.file])
          // Only its own kind's definition builder: this fixture defines each definition in a file of its own.
          const builders = inputs.filter((input) => /runtime\/builders\/(command|subscription)-builder\.ts$/.test(input)).map((input) => input.split('/').pop())
          expect(builders, functionName(service, definition.name)).toEqual([`${'http' in definition ? 'command' : 'subscription'}-builder.ts`])
          // The code that runs hooks and the state limits only where the definition sets hooks or uses state.
          const carries = (file: string) => inputs.some((input) => resolve(config.projectRoot, input) === join(REPO, file))
          expect(carries('runtime/service/hooked-run.ts'), `${functionName(service, definition.name)} runs hooks`).toBe(definition.hooks)
          expect(carries('runtime/stores/state-limits.ts'), `${functionName(service, definition.name)} limits states`).toBe(definition.usesState)
          const buildTool = [join(REPO, 'compiler'), join(REPO, 'cli')]
          expect(inputs.filter((input) => buildTool.some((dir) => resolve(config.projectRoot, input).startsWith(dir)))).toEqual([])
          // The clients are bundled (targets.lambda.bundleAwsSdk): which packages' sources the function holds.
          const sdk = [...new Set(inputs.flatMap((input) => /node_modules\/(@aws-sdk\/(?:client-[a-z-]+|lib-dynamodb))\//.exec(input)?.[1] ?? []))].sort()
          const wantsSdk = [
            ...(('successEvent' in definition && definition.successEvent) || ('outputEvent' in definition && definition.outputEvent) || definition.emits.length ? ['@aws-sdk/client-eventbridge'] : []),
            ...(definition.invokes.length ? ['@aws-sdk/client-lambda'] : []),
            ...(definition.usesState ? ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'] : []),
            // A function that reads no secret or config never loads those clients.
            ...(config.stores.secret === 'aws-secrets-manager' && definition.secrets.length ? ['@aws-sdk/client-secrets-manager'] : []),
            ...(config.stores.config === 'aws-ssm' && definition.configs.length ? ['@aws-sdk/client-ssm'] : []),
          ].sort()
          expect(sdk, functionName(service, definition.name)).toEqual(wantsSdk)
          expect(loaded.flatMap((path) => metafile.outputs[path]!.imports.filter((i) => i.external).map((i) => i.path)).filter((path) => path.startsWith('@aws-sdk/'))).toEqual([])
        }
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  },
  30_000,
)

test('a per-function setting must name a function of the app', () => {
  const { config, model } = planned(join(REPO, 'purista.config.ts'))
  config.targets.lambda.functions = { 'User-v1-getUsr': { memoryMb: 512 }, 'User-v1-getUser': { memoryMb: 512 } }
  const diagnostics = checkLambda(model, config)
  expect(diagnostics).toHaveLength(1)
  expect(diagnostics[0]).toMatchObject({ code: 'invalid-config', message: 'targets.lambda.functions names "User-v1-getUsr", which is not a function of this app', hint: expect.stringContaining('User-v1-getUser') })
})

test('per-function memory, timeout and environment reach the wiring', () => {
  const { config, model } = planned(join(REPO, 'purista.config.ts'))
  config.targets.lambda.functions = { 'Email-v1-sendWelcomeMail': { memoryMb: 1024, timeoutSeconds: 20, environment: { WELCOME_SENDER: 'hi@example.com' } } }
  const wiring = JSON.parse(planLambda(model, config).artifacts.find((a) => a.path === 'cdk/wiring.json')!.contents)
  expect(wiring.functions.find((f: { name: string }) => f.name === 'Email-v1-sendWelcomeMail')).toMatchObject({ memoryMb: 1024, timeoutSeconds: 20, environment: { WELCOME_SENDER: 'hi@example.com' } })
  expect(wiring.functions.find((f: { name: string }) => f.name === 'User-v1-getUser')).toMatchObject({ memoryMb: 256, timeoutSeconds: 10 })
})

test('a subscription for every instance is a warning on Lambda, at the subscription: it runs once per event there', () => {
  const { model } = analyzeProject({
    'src/svc.ts': `import { ServiceBuilder } from '@purista/core'
export const svc = new ServiceBuilder({ serviceName: 'Cache', serviceVersion: '1', serviceDescription: '' })
const refresh = svc.getCommandBuilder('refresh', '').setSuccessEventName('refreshed').setCommandFunction(async () => 1)
export const evict = svc.getSubscriptionBuilder('evict', '').subscribeToEvent('refreshed').receiveMessageOnEveryInstance().setSubscriptionFunction(async () => {})
export const service = svc.addCommandDefinition(refresh.getDefinition()).addSubscriptionDefinition(evict.getDefinition())
`,
  })
  const { config } = loadConfig(join(REPO, 'purista.config.ts'))
  expect(checkLambda(model, config!)).toEqual([
    expect.objectContaining({ severity: 'warning', code: 'ignored-on-target', file: 'src/svc.ts', line: 4, column: 14, message: 'subscription "evict" asks for every instance (receiveMessageOnEveryInstance), which has no meaning on Lambda: it runs once per event' }),
  ])
})

test('the AWS SDK clients the functions use are the packages the build needs, unless bundleAwsSdk is off', () => {
  const { config, model } = planned(join(REPO, 'purista.config.ts'))
  // user-email: state everywhere, registerNewUser emits, sendWelcomeMail invokes getUser.
  expect(planLambda(model, config).packages).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-eventbridge', '@aws-sdk/client-lambda'])
  const runtimeSdk = planLambda(model, { ...config, targets: { ...config.targets, lambda: { ...config.targets.lambda, bundleAwsSdk: false } } })
  expect(runtimeSdk.packages).toEqual([])
  expect(runtimeSdk.bundle?.external).toEqual(['@aws-sdk/*'])
})
