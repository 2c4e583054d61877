import { Option, type Command } from 'commander'
import { configOption, targetOption, targetsHelp } from './options.ts'
import { displayPath } from './display-path.ts'

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('analyze the services and write the deployable output to <outDir>/<target>/')
    .addOption(targetOption())
    .addOption(configOption())
    .addOption(new Option('--broker <name>', 'containers target: the broker between the containers (overrides purista.config.ts)').choices(['nats', 'amqp', 'mqtt']))
    .option('--out-dir <dir>', 'where <target>/ is written (overrides outDir of purista.config.ts)')
    .option('--images', 'containers target: also build the images through the Docker engine ($DOCKER_HOST or /var/run/docker.sock)')
    .option('--no-typecheck', "skip type-checking the project with its TypeScript (tsc --noEmit on its tsconfig.json), which purista build does first")
    .option('--json', 'print the build report as JSON on stdout')
    .option('--files', 'list every file written (past 24 files, the report lists each folder with its file count and size)')
    .addHelpText(
      'after',
      `
Targets:
${targetsHelp()}

The output folder is replaced only when the whole build succeeds; a failed build leaves it as it was.
Exit code 1 when any error is reported (file:line:col, with a hint).

Examples:
  purista build --target monolith && node dist/monolith/index.mjs
  purista build --target containers --broker amqp && docker-compose -f dist/containers/docker-compose.yaml up --build
  purista build --target lambda && (cd dist/lambda/cdk && npm install && npx cdk deploy)
  purista start --target lambda     # the lambda build, run locally the way AWS wires it`,
    )
    .action(async (options: { target: string; config: string; json?: boolean; files?: boolean; broker?: 'nats' | 'amqp' | 'mqtt'; outDir?: string; images?: boolean; typecheck: boolean }) => {
      const [{ build }, { formatBuildReport, formatStep }] = await Promise.all([import('../build.ts'), import('../format.ts')])
      if (!options.json) process.stderr.write(`purista build --target ${options.target}\n`)
      const report = await build({ configPath: options.config, target: options.target, broker: options.broker, outDir: options.outDir, images: options.images, typecheck: options.typecheck, onStep: options.json ? undefined : (s) => process.stderr.write(formatStep(s) + '\n') })
      if (options.json) process.stdout.write(JSON.stringify({ ...report, model: undefined }, null, 2) + '\n')
      else process.stderr.write(formatBuildReport(report, displayPath(report.outDir) ?? `dist/${options.target}`, { everyFile: options.files }) + '\n')
      process.exitCode = report.ok ? 0 : 1
    })
}
