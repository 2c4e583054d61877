import { InvalidArgumentError, Option, type Command } from 'commander'
import { configOption, didYouMean, parsePort } from './options.ts'

const LOCAL_TARGETS = ['lambda', 'azure']

/** The targets purista start runs; the others run as built, and the error says how. */
function localTarget(value: string): string {
  if (LOCAL_TARGETS.includes(value)) return value
  if (value === 'monolith') throw new InvalidArgumentError('the monolith runs with purista dev (rebuilds on every change), or purista build && node --enable-source-maps dist/monolith/index.mjs')
  if (value === 'containers') throw new InvalidArgumentError('containers run with docker-compose: purista build --target containers, then docker-compose -f dist/containers/docker-compose.yaml up --build')
  throw new InvalidArgumentError(`purista start runs lambda or azure${didYouMean(value, LOCAL_TARGETS)}`)
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('build, then run the output locally the way its platform wires it')
    .addOption(new Option('-t, --target <name>', 'what to run locally: lambda or azure').default('lambda').argParser(localTarget))
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
azure: reads dist/azure/infra/main.json and runs every Function App in its own process with the
settings it gives them; their HTTP routes share the port; events go to a local Service Bus whose
topics deliver to the subscriptions their SQL filters match (redelivered up to maxDeliveryCount,
then dead-lettered), state to Azurite's Table storage (in memory).
For the monolith: purista dev, or purista build && node dist/monolith/index.mjs`,
    )
    .action(async (options: { target: string; config: string; port?: number; outDir?: string; build: boolean }) => {
      const [{ missingPackagesError }, { LOCAL_LAMBDA_PACKAGES }, { LOCAL_AZURE_PACKAGES }] = await Promise.all([
        import('../../compiler/optional-packages.ts'),
        import('../../targets/lambda/local/packages.ts'),
        import('../../targets/azure/local/packages.ts'),
      ])
      const packages = options.target === 'azure' ? LOCAL_AZURE_PACKAGES : LOCAL_LAMBDA_PACKAGES
      const missing = missingPackagesError(`purista start --target ${options.target}`, packages, { dev: true })
      if (missing) program.error(missing.message)
      const { startLocally } = await import('../start.ts')
      await startLocally({ ...options, port: options.port ?? (process.env.PORT ? parsePort(process.env.PORT) : undefined) })
    })
}
