import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { SOURCE_ROOT } from '../../compiler/package-files.ts'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import { providersFor } from '../../compiler/config/resource-providers.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { STATE_KEY_ATTRIBUTE, STATE_TABLE_VARIABLE } from '../../runtime/stores/dynamodb-table.ts'
import { appOptions } from '../shared/entry.ts'
import { secondPass } from '../shared/second-pass.ts'
import { awsSdkPackages } from './sdk-packages.ts'
import { tracedProcess, tracingPackages } from '../shared/tracing.ts'
import type { Plan, Target } from '../types.ts'
import { appRoutesEntry, entryOut, functionEntry, isSlim, type FunctionEntrySpec } from './entry.ts'
import { checkFunctionNames } from './function-names.ts'
import { EVENT_BUS_VARIABLE, OPENAPI_FILE } from './runtime/names.ts'
import { appFunctions, deriveWiring, functionName } from './wiring.ts'
import { TARGET_DESCRIPTIONS } from '../catalog.ts'

/** Versions MACHINE.md and the issue pin: the 3.x CLI cannot read this library's output. */
export const CDK_VERSIONS = { 'aws-cdk-lib': '2.276.0', constructs: '^10.0.0', 'aws-cdk': '2.1148.1' }

const cdkFile = (name: string) => readFileSync(join(SOURCE_ROOT, 'targets/lambda/cdk', name), 'utf8')

/** One bundle per command and per subscription, all from one esbuild pass, and the CDK app that deploys them. */
export function planLambda(model: AppModel, config: ResolvedConfig): Plan {
  const wiring = deriveWiring(model, config)
  const options = appOptions(model.name, config)
  // Wiring lists the functions in appFunctions' order.
  const functions = appFunctions(model).map((fn, i) => ({ ...fn, wired: wiring.functions[i]!, projectRoot: config.projectRoot, options, stores: config.stores, authGuard: config.authGuard, resources: providersFor([fn.service], config.resources), tracing: tracedProcess(config, `${model.name}-${wiring.functions[i]!.name}`) }))
  // A function that loads the whole service gets both definition builders; any other, its own kind's
  // until the bundle shows its code asks for the other one too (then it is bundled once more).
  const firstGuess: FunctionEntrySpec[] = functions.map((fn) => ({ ...fn, builderKinds: isSlim(fn.service, fn.definition) ? [fn.kind] : ['command', 'subscription'] }))
  const entriesOf = (specs: FunctionEntrySpec[]) => {
    const built = specs.map(functionEntry)
    return { entries: built.map((b) => b.entry), modules: built.map((b) => b.functionModule) }
  }
  const cdkJson = {
    app: 'node app.mjs',
    // A template that breaks CloudFormation's schema fails the synth instead of the deploy.
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
  }
  const packageJson = {
    name: `${wiring.stackName.toLowerCase()}-cdk`,
    private: true,
    type: 'module',
    scripts: { synth: 'cdk synth', deploy: 'cdk deploy' },
    dependencies: { 'aws-cdk-lib': CDK_VERSIONS['aws-cdk-lib'], constructs: CDK_VERSIONS.constructs },
    devDependencies: { 'aws-cdk': CDK_VERSIONS['aws-cdk'] },
  }
  const { bundleAwsSdk } = config.targets.lambda
  const variables = { eventBus: EVENT_BUS_VARIABLE, stateTable: STATE_TABLE_VARIABLE, stateKey: STATE_KEY_ATTRIBUTE }
  return {
    // The function of the app's own routes is bundled after the others: in their pass, the little
    // runtime code it shares with them (the trace id) would split their shared chunks into more files.
    ...entriesOf(firstGuess),
    revise(metafile) {
      const revision = secondPass(firstGuess, metafile, { projectRoot: config.projectRoot, zodLite: config.targets.lambda.zodLite, outOf: (spec) => entryOut(spec.wired.name), entriesOf })
      return { entries: [...(revision?.entries ?? []), appRoutesEntry(wiring.appRoutes.name)], modules: revision?.modules ?? [], zodLite: revision?.zodLite }
    },
    // Code shared between functions is printed once. The AWS SDK clients a function uses are bundled
    // from their ESM builds, so only what it calls is loaded at a cold start, not the runtime's whole
    // clients (targets.lambda.bundleAwsSdk); the build then needs them installed.
    bundle: { external: bundleAwsSdk ? [] : ['@aws-sdk/*'], preferEsm: true, target: 'node22', shareChunks: true, runtimeEntry: 'targets/lambda/runtime/purista.ts', zodLite: config.targets.lambda.zodLite, compiledValidators: config.targets.lambda.compiledValidators },
    packages: [...(bundleAwsSdk ? awsSdkPackages(wiring.functions) : []), ...tracingPackages(config)],
    openApiDocuments: [`functions/${wiring.appRoutes.name}/${OPENAPI_FILE}`],
    // `npm install` in cdk/ took its time; the next build must not make the deploy do it again.
    keep: ['cdk/node_modules', 'cdk/package-lock.json'],
    artifacts: [
      { path: 'cdk/app.mjs', contents: cdkFile('app.mjs') },
      { path: 'cdk/stack.mjs', contents: cdkFile('stack.mjs') },
      { path: 'cdk/wiring.json', contents: JSON.stringify({ ...wiring, variables }, null, 2) + '\n' },
      { path: 'cdk/cdk.json', contents: JSON.stringify(cdkJson, null, 2) + '\n' },
      { path: 'cdk/package.json', contents: JSON.stringify(packageJson, null, 2) + '\n' },
    ],
    nextSteps: [`purista start --target lambda   # serves the functions locally the way AWS wires them`, `cd {out}/cdk && npm install && npx cdk deploy`],
  }
}

/** Per-function settings must name functions that exist: a typo would otherwise be ignored silently. */
export function checkLambda(model: AppModel, config: ResolvedConfig): Diagnostic[] {
  const names = new Set(appFunctions(model).map((fn) => functionName(fn.service, fn.definition.name)))
  const unknownFunctions = Object.keys(config.targets.lambda.functions)
    .filter((name) => !names.has(name))
    .map((name) => ({
      severity: 'error' as const,
      code: 'invalid-config' as const,
      message: `targets.lambda.functions names "${name}", which is not a function of this app`,
      file: basename(config.configFile),
      line: 1,
      column: 1,
      hint: `functions are named <service>-v<version>-<command or subscription>: ${[...names].sort().join(', ')}`,
    }))
  return [...unknownFunctions, ...checkFunctionNames(model), ...everyInstanceWarnings(model)]
}

/** A Lambda function has no instances of its own to deliver to: such a subscription runs once per event. */
function everyInstanceWarnings(model: AppModel): Diagnostic[] {
  return model.services.flatMap((service) =>
    service.subscriptions
      .filter((subscription) => subscription.everyInstance)
      .map((subscription) => ({
        severity: 'warning' as const,
        code: 'ignored-on-target' as const,
        message: `subscription "${subscription.name}" asks for every instance (receiveMessageOnEveryInstance), which has no meaning on Lambda: it runs once per event`,
        file: subscription.source.file,
        line: subscription.source.line,
        column: subscription.source.column,
        hint: 'like any subscription that is not durable, it gets no retries there; build for monolith or containers where running instances each need the event',
      })),
  )
}

export const lambdaTarget: Target = {
  name: 'lambda',
  description: TARGET_DESCRIPTIONS.lambda,
  check: checkLambda,
  plan: planLambda,
}
