import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { analyzeOrExit } from './analyze-or-exit.ts'
import { configOption } from './options.ts'

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('print a Mermaid flowchart of services, commands, events and who calls whom')
    .addOption(configOption())
    .option('-o, --out <file>', 'write the diagram to a file (e.g. docs/architecture.mmd) instead of stdout')
    .action(async (options: { config: string; out?: string }) => {
      const { toMermaid } = await import('../graph.ts')
      const diagram = toMermaid(await analyzeOrExit(options.config))
      if (options.out) writeFileSync(options.out, diagram)
      else process.stdout.write(diagram)
    })
}
