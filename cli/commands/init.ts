import type { Command } from 'commander'

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a purista project: package.json, tsconfig, purista.config.ts and a first service with a command, a subscription and their unit tests')
    .argument('[dir]', 'the project folder, created when missing', '.')
    .option('--name <name>', 'the package and app name (default: the folder name; an existing package.json keeps its own)')
    .option('--service <name>', 'the first service, camelCase (default: greeting)')
    .option('--no-install', 'do not run npm install afterwards')
    .option('--force', 'overwrite files that exist already (package.json is always merged, never replaced)')
    .addHelpText(
      'after',
      `
An existing package.json (after \`npm install purista zod\`, say) is merged: your fields, scripts and
versions stay; the missing scripts (build, start, dev, test, typecheck) and dependencies are added
and listed. Any other file that exists already stops init before it writes anything, unless --force.
On a terminal, a missing --name or --service is asked for; elsewhere the defaults apply.

Examples:
  npx purista init my-app                      # then: cd my-app && npm test && npm start
  npx purista init . --service billing         # into the current folder, next to your package.json
  npx purista init my-app --name @acme/my-app --no-install`,
    )
    .action(async (dir: string, options: { name?: string; service?: string; install: boolean; force?: boolean }) => {
      const [{ init, suggestedName, DEFAULT_SERVICE }, { canPrompt, ask }, { formatInitReport }, { runScaffold }, { PURISTA_VERSION }] = await Promise.all([
        import('../scaffold/init.ts'),
        import('../scaffold/prompt.ts'),
        import('../scaffold/report.ts'),
        import('../scaffold/run.ts'),
        import('../version.ts'),
      ])
      await runScaffold(async () => {
        const offeredName = !options.name && canPrompt() ? suggestedName(dir) : undefined
        const name = options.name ?? (offeredName && (await ask('package name', offeredName)))
        const service = options.service ?? (canPrompt() ? await ask('first service name', DEFAULT_SERVICE) : undefined)
        const result = await init({ dir, name, service, install: options.install, force: options.force ?? false, puristaVersion: PURISTA_VERSION })
        return formatInitReport(result, PURISTA_VERSION)
      })
    })
}
