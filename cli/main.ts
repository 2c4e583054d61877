import { writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import { analyze } from '../compiler/analyze/analyze.ts'
import { CONFIG_FILE, loadConfig } from '../compiler/config/load-config.ts'
import { hasErrors, type Diagnostic } from '../compiler/diagnostics.ts'
import type { AppModel } from '../compiler/model/app-model.ts'
import { PLANNED_TARGETS, TARGETS } from '../targets/index.ts'
import { build } from './build.ts'
import { parsePort, startLocally } from './start.ts'
import { formatBuildReport, formatDiagnostics, formatModelTable, formatStep } from './format.ts'
import { toMermaid } from './graph.ts'

const program = new Command('purista')
  .description('Write services once; build them as a monolith, containers or Lambdas without changing a line.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')

const configOption = () => new Option('-c, --config <file>', 'the project config, read without running it').default(CONFIG_FILE)

const targetOption = () =>
  new Option('-t, --target <name>', `where the app will run: ${Object.keys(TARGETS).join(', ')}`).default('monolith').argParser((value) => {
    if (TARGETS[value]) return value
    if (PLANNED_TARGETS.includes(value)) throw new InvalidArgumentError(`the ${value} target is not available in this version yet; available: ${Object.keys(TARGETS).join(', ')}`)
    throw new InvalidArgumentError(`unknown target; available: ${Object.keys(TARGETS).join(', ')}`)
  })

program
  .command('build')
  .description('analyze the services and write the deployable output to <outDir>/<target>/')
  .addOption(targetOption())
  .addOption(configOption())
  .addOption(new Option('--broker <name>', 'containers target: the broker between the containers (overrides purista.config.ts)').choices(['nats', 'amqp', 'mqtt']))
  .option('--out-dir <dir>', 'where <target>/ is written (overrides outDir of purista.config.ts)')
  .option('--images', 'containers target: also build the images through the Docker engine ($DOCKER_HOST or /var/run/docker.sock)')
  .option('--json', 'print the build report as JSON on stdout')
  .addHelpText(
    'after',
    `
Targets:
${Object.values(TARGETS).map((t) => `  ${t.name.padEnd(12)} ${t.description}`).join('\n')}

The output folder is replaced only when the whole build succeeds; a failed build leaves it as it was.
Exit code 1 when any error is reported (file:line:col, with a hint).

Examples:
  purista build --target monolith && node dist/monolith/index.mjs
  purista build --target containers --broker amqp && docker-compose -f dist/containers/docker-compose.yaml up --build
  purista build --target lambda && (cd dist/lambda/cdk && npm install && npx cdk deploy)
  purista start --target lambda     # the lambda build, run locally the way AWS wires it`,
  )
  .action(async (options: { target: string; config: string; json?: boolean; broker?: 'nats' | 'amqp' | 'mqtt'; outDir?: string; images?: boolean }) => {
    if (!options.json) process.stderr.write(`purista build --target ${options.target}\n`)
    const report = await build({ configPath: options.config, target: options.target, broker: options.broker, outDir: options.outDir, images: options.images, onStep: options.json ? undefined : (s) => process.stderr.write(formatStep(s) + '\n') })
    if (options.json) process.stdout.write(JSON.stringify({ ...report, model: undefined }, null, 2) + '\n')
    else process.stderr.write(formatBuildReport(report, displayPath(report.outDir) ?? `dist/${options.target}`) + '\n')
    process.exitCode = report.ok ? 0 : 1
  })

program
  .command('start')
  .description('build, then run the output locally the way its platform wires it')
  .addOption(new Option('-t, --target <name>', 'what to run locally').choices(['lambda']).default('lambda'))
  .addOption(configOption())
  .option('-p, --port <number>', 'the HTTP port (default: $PORT, else http.port of purista.config.ts)', parsePort)
  .option('--out-dir <dir>', 'where <target>/ is built and run from (overrides outDir of purista.config.ts)')
  .option('--no-build', 'run what <outDir>/<target> holds without building first')
  .addHelpText(
    'after',
    `
lambda: synthesizes dist/lambda/cdk and serves its HttpApi routes on the port as payload-2.0 events;
PutEvents goes through the stack's EventBridge rules to the subscriptions, Lambda Invoke to its
target, DynamoDB calls to a local DynamoDB (in memory). Every function runs in its own process.
For the monolith: purista build && node dist/monolith/index.mjs`,
  )
  .action(async (options: { target: string; config: string; port?: number; outDir?: string; build: boolean }) => {
    await startLocally({ ...options, port: options.port ?? (process.env.PORT ? parsePort(process.env.PORT) : undefined) })
  })

program
  .command('inspect')
  .description('show what the analyzer found: services, commands, subscriptions, routes, events')
  .addOption(configOption())
  .option('--json', 'print the AppModel as JSON (the input every target builds from)')
  .action((options: { config: string; json?: boolean }) => {
    const model = analyzeOrExit(options.config)
    process.stdout.write((options.json ? JSON.stringify(model, null, 2) : formatModelTable(model)) + '\n')
  })

program
  .command('graph')
  .description('print a Mermaid flowchart of services, commands, events and who calls whom')
  .addOption(configOption())
  .option('-o, --out <file>', 'write the diagram to a file (e.g. docs/architecture.mmd) instead of stdout')
  .action((options: { config: string; out?: string }) => {
    const diagram = toMermaid(analyzeOrExit(options.config))
    if (options.out) writeFileSync(options.out, diagram)
    else process.stdout.write(diagram)
  })

function analyzeOrExit(configPath: string): AppModel {
  const loaded = loadConfig(configPath)
  const diagnostics: Diagnostic[] = [...loaded.diagnostics]
  const result = loaded.config && analyze(loaded.config)
  if (result) diagnostics.push(...result.diagnostics)
  if (diagnostics.length) process.stderr.write(formatDiagnostics(diagnostics) + '\n')
  if (!result || hasErrors(diagnostics)) process.exit(1)
  return result.model
}

const displayPath = (path?: string) => path && (relative(process.cwd(), path) || '.')

await program.parseAsync()
