import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { loadConfig } from '../compiler/config/load-config.ts'
import { build } from './build.ts'
import { formatBuildReport, formatDiagnostics } from './format.ts'
import { LOCAL_RUNNERS, type LocalRun } from './local-runs.ts'

export interface StartOptions {
  target: string
  config: string
  port?: number
  outDir?: string
  build: boolean
}

/** `purista start`: build (unless told not to), run the output locally, stop cleanly on Ctrl-C or SIGTERM. */
export async function startLocally(options: StartOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(line + '\n')
  // Handlers go in before anything starts: a signal that arrives before "listening" would
  // otherwise kill the process with its function processes still running.
  let running: LocalRun | undefined
  let stopping = false
  const close = (app: LocalRun) => app.close().then(() => process.exit(0))
  const stop = () => {
    if (stopping) process.exit(1)
    stopping = true
    if (running) void close(running)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  const loaded = loadConfig(options.config)
  if (!loaded.config) return fail(formatDiagnostics(loaded.diagnostics))
  const runner = LOCAL_RUNNERS[options.target]
  if (!runner) return fail(`purista start runs ${Object.keys(LOCAL_RUNNERS).join(' and ')}, not ${options.target}`)
  const outDir = options.outDir ? resolve(options.outDir) : loaded.config.outDir
  const targetDir = join(outDir, options.target)
  const reads = join(targetDir, runner.reads)
  if (options.build) {
    const report = await build({ configPath: options.config, target: options.target, outDir })
    if (!report.ok) return fail(formatBuildReport(report, relative(process.cwd(), targetDir)))
  } else if (!existsSync(reads)) {
    return fail(`nothing to run: ${relative(process.cwd(), reads)} does not exist; run purista build --target ${options.target} first (or drop --no-build)`)
  }
  if (stopping) process.exit(0)
  log(`${runner.starting} ${relative(process.cwd(), reads) || '.'} …`)
  const started = performance.now()
  running = await runner.start(targetDir, options.port ?? loaded.config.http.port, log).catch((error: Error) => fail(error.message))
  if (stopping) return void close(running)
  log(`${running.summary} · ready in ${Math.round(performance.now() - started)} ms`)
  log(`listening on http://127.0.0.1:${running.port}`)
}

function fail(message: string): never {
  process.stderr.write(message + '\n')
  process.exit(1)
}
