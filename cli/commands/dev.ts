import type { Command } from 'commander'
import { configOption, parsePort } from './options.ts'

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('build the monolith and serve it; rebuild and restart it on every change')
    .addOption(configOption())
    .option('-p, --port <number>', 'the HTTP port, the same across restarts; 0 picks a free one (default: $PORT, else http.port of purista.config.ts)', parsePort)
    .option('--out-dir <dir>', 'where monolith/ is built and served from (default: <outDir>/.dev, so the output of purista build stays as it was)')
    .addHelpText(
      'after',
      `
Watches the config file and every file under its src folder. After a change (a burst of writes
counts as one), it analyzes and builds again; when that build succeeds, it stops the server with
SIGTERM (requests in flight finish) and starts the new build on the same port, then prints the time
from the change to serving again. A change during a rebuild starts one more rebuild after it.

On an error:
  the build fails      its diagnostics are printed (file:line:col, with a hint) and the last good
                       build keeps serving, untouched, until a change builds again
  the server fails     (at start, say, for a missing config value) its log says why; the next
                       change tries again

stdout carries the server's JSON log lines as they are (pipe them to jq); stderr what purista dev
does. Ctrl-C or SIGTERM stops the watcher and the server; a second one kills the server at once.`,
    )
    .action(async (options: { config: string; port?: number; outDir?: string }) => {
      const { runDev } = await import('../dev/dev.ts')
      runDev({ ...options, port: options.port ?? (process.env.PORT ? parsePort(process.env.PORT) : undefined) })
    })
}
