import { join, resolve } from 'node:path'
import { loadConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import { build } from '../build.ts'
import { displayPath } from '../commands/display-path.ts'
import { formatDiagnostics } from '../format.ts'
import { scheduleRebuilds } from './rebuild-scheduler.ts'
import { serveBuild, type ServedBuild } from './served-build.ts'
import { watchProject } from './watch-project.ts'

export interface DevOptions {
  config: string
  /** --port, else $PORT; when neither, http.port of the config. 0 picks a free port once and keeps it. */
  port?: number
  /** Where monolith/ is built and served from; default <outDir>/.dev, away from `purista build`'s <outDir>/monolith. */
  outDir?: string
}

const say = (line: string) => process.stderr.write(line + '\n')

/**
 * `purista dev`: build the monolith and serve it; on every change to the config or under src, build
 * again and, only if that build succeeded, replace the server (SIGTERM, then the new one on the same
 * port). Until then the last good build keeps serving. stdout carries the server's log lines alone,
 * stderr what purista dev does.
 */
export function runDev(options: DevOptions): void {
  let server: ServedBuild | undefined
  /** The port the first server got when asked for port 0: the next ones take the same. */
  let pinnedPort: number | undefined
  let servedOnce = false
  let stopping = false

  const watcher = watchProject(options.config, () => scheduler.changed(), say)
  const scheduler = scheduleRebuilds(async (changedAt, superseded) => {
    try {
      await rebuildAndServe(changedAt, superseded)
    } catch (error) {
      say(`✗ purista dev failed to rebuild: ${(error as Error).stack} · the next change tries again`)
    }
  })

  async function rebuildAndServe(changedAt: number, superseded: Promise<void>) {
    let outdated = false
    void superseded.then(() => (outdated = true))
    const loaded = loadConfig(options.config)
    const config = loaded.config
    if (!config) return buildFailed(loaded.diagnostics)
    const outDir = options.outDir ? resolve(options.outDir) : join(config.outDir, '.dev')
    if (watcher.watchSrc(config.srcDir, [config.outDir, outDir])) {
      say(`watching ${displayPath(config.srcDir)}/ and ${displayPath(config.configFile)} · builds go to ${displayPath(join(outDir, 'monolith'))}`)
    }

    const report = await build({ configPath: options.config, target: 'monolith', outDir })
    if (!report.ok) return buildFailed(report.diagnostics)
    if (report.diagnostics.length) say(formatDiagnostics(report.diagnostics)) // warnings
    // A change came in during the build: the next build serves it; restarting for this one would only
    // interrupt the server twice.
    if (stopping || outdated) return

    // Nothing answers from here until the new server listens: that is the restart time printed.
    const restartAt = performance.now()
    const previous = server
    await previous?.stop()
    const wanted = options.port ?? config.http.port
    const next = serveBuild(join(report.outDir!, 'index.mjs'), wanted === 0 ? (pinnedPort ?? 0) : wanted)
    server = next
    let listened = false
    void next.listening.then((port) => (listened = port !== undefined))
    void next.exited.then(({ how, requested, portInUse }) => {
      if (requested) return
      if (server === next) server = undefined
      if (portInUse) return say(`✗ port ${wanted} is in use: stop what serves there, or pass --port <n> (0: any free port) · the next change tries again`)
      say(listened ? `✗ the server stopped (${how}); its log is above · the next change restarts it` : `✗ the server exited (${how}) before listening; its log is above · the next change tries again`)
    })
    // A change during a slow start means this server is about to be replaced: stop waiting for it.
    // No port: it exited before listening (the exit handler above says so) or was superseded.
    const port = await Promise.race([next.listening, superseded.then(() => undefined)])
    if (port === undefined) return
    if (wanted === 0) pinnedPort = port
    const now = performance.now()
    const restart = previous ? `, ${Math.round(now - restartAt)} ms of it restarting` : ''
    say(`✓ ${servedOnce ? 'rebuilt' : 'built'} in ${Math.round(now - changedAt)} ms${restart} · serving on http://localhost:${port}`)
    servedOnce = true
  }

  function buildFailed(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length
    say(formatDiagnostics(diagnostics))
    say(`✗ build failed: ${errors} error${errors === 1 ? '' : 's'}; ${server ? 'still serving the last good build' : 'nothing is serving'} · waiting for changes`)
  }

  async function shutdown() {
    // A second Ctrl-C: exit at once; the exit hook of serveBuild kills the server.
    if (stopping) process.exit(1)
    stopping = true
    watcher.close()
    await scheduler.close()
    await server?.stop()
    // Nothing is left to keep the event loop alive: purista dev exits with 0.
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown())

  scheduler.changed() // the first build
}
