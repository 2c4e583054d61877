/**
 * Build time of the lambda target for a generated app (100 commands, 20 subscriptions): purista's
 * one esbuild pass against one esbuild process per function, which is what CDK's NodejsFunction
 * does at synth. The peer only bundles; purista's time includes config, analysis and the CDK files.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { build } from '../../cli/build.ts'
import { analyze } from '../../compiler/analyze/analyze.ts'
import { PACKAGE_ROOT } from '../../compiler/package-files.ts'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { appRoutesEntry } from '../../targets/lambda/entry.ts'
import { planLambda } from '../../targets/lambda/plan.ts'
import { APP_ROUTES_FUNCTION } from '../../targets/lambda/wiring.ts'
import { generateApp } from '../analyzer/generate.ts'
import { median, REPO } from '../lib.ts'

const COMMANDS = 100
const SUBSCRIPTIONS = 20
const work = join(REPO, 'bench/.work/lambda-build')
const app = join(work, 'app')
const configPath = join(app, 'purista.config.ts')
generateApp(app, COMMANDS, SUBSCRIPTIONS)

const timed = async (run: () => Promise<unknown> | unknown) => {
  const started = performance.now()
  await run()
  return performance.now() - started
}
const purista = () =>
  timed(async () => {
    const report = await build({ configPath, target: 'lambda', outDir: join(work, 'dist') })
    if (!report.ok) throw new Error(JSON.stringify(report.diagnostics))
  })

const full = [await purista(), await purista(), await purista()]
// A rebuild after changing one command: purista rebuilds everything in its one pass.
const command = join(app, 'src/service/service0/v1/command/command0.ts')
writeFileSync(command, readFileSync(command, 'utf8').replace("'generated command'", "'generated command, changed'"))
const rebuild = [await purista(), await purista(), await purista()]

// The peer: the same entries, each bundled by an esbuild process of its own.
const { config } = loadConfig(configPath)
const plan = planLambda(analyze(config!).model, config!)
const entries = join(work, 'entries')
rmSync(entries, { recursive: true, force: true })
mkdirSync(entries, { recursive: true })
const esbuild = join(REPO, 'node_modules/@esbuild/linux-x64/bin/esbuild')
const runtime = join(PACKAGE_ROOT, 'runtime/index.ts')
const perFunction = await timed(() => {
  // The generated modules the entries import as `purista-entry:<path>`, as files beside them.
  const onDisk = (contents: string) => contents.replaceAll('"purista-entry:', `"${entries}/`)
  for (const module of plan.modules ?? []) {
    mkdirSync(dirname(join(entries, module.path)), { recursive: true })
    writeFileSync(join(entries, `${module.path}.ts`), onDisk(module.contents))
  }
  // The app routes function comes with the plan's second pass (revise).
  for (const [i, entry] of [...plan.entries, appRoutesEntry(APP_ROUTES_FUNCTION)].entries()) {
    const file = join(entries, `entry${i}.ts`)
    writeFileSync(file, onDisk(entry.contents))
    // As purista bundles them (targets.lambda.bundleAwsSdk), and CDK's NodejsFunction with bundleAwsSDK: the SDK's ESM builds.
    const result = spawnSync(esbuild, [file, '--bundle', '--platform=node', '--format=esm', '--target=node22', '--minify', '--sourcemap', '--main-fields=module,main', `--alias:purista=${runtime}`, `--alias:@purista/core=${runtime}`, `--outfile=${join(work, 'per-function', entry.out)}.mjs`, '--log-level=error'], { cwd: app })
    if (result.status !== 0) throw new Error(result.stderr.toString())
  }
})

process.stdout.write(JSON.stringify({ functions: plan.entries.length + 1, fullMs: median(full), rebuildMs: median(rebuild), perFunctionMs: perFunction }) + '\n')
