import type { Command } from 'commander'
import { analyzeOrExit } from './analyze-or-exit.ts'
import { configOption } from './options.ts'

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show what the analyzer found: services, commands, subscriptions, routes, events')
    .addOption(configOption())
    .option('--json', 'print the AppModel as JSON (the input every target builds from)')
    .action(async (options: { config: string; json?: boolean }) => {
      const model = await analyzeOrExit(options.config)
      const { formatModelTable } = await import('../format.ts')
      process.stdout.write((options.json ? JSON.stringify(model, null, 2) : formatModelTable(model)) + '\n')
    })
}
