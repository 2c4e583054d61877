import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

/** One run of a monolith bundle, the server `purista dev` is serving. */
export interface ServedBuild {
  /** The port from its "listening" log line, or undefined if it exited before listening. */
  listening: Promise<number | undefined>
  /** How it ended ("exit code 1", "signal SIGKILL"), whether stop() asked it to, and whether its port was taken. */
  exited: Promise<{ how: string; requested: boolean; portInUse: boolean }>
  /** SIGTERM, so in-flight requests finish; resolves once the process is gone. */
  stop(): Promise<void>
  /** SIGKILL, for a second Ctrl-C. */
  kill(): void
}

/** The monolith gives up draining after 10 s by itself; a process still there has a stuck event loop. */
const KILL_AFTER_MS = 11_000

/**
 * Runs `node <entry>` with PORT set. Its stdout (the JSON log lines) and stderr pass through as they
 * are, so they read and pipe (to jq, say) like production logs.
 */
export function serveBuild(entry: string, port: number): ServedBuild {
  // Source maps on: a stack trace in the log points at the file in src, not into the bundle.
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: a Ctrl-C in the terminal reaches purista dev alone, which stops the
    // server with one SIGTERM; the server would take a second signal as "exit at once".
    detached: true,
  })
  // Whatever ends purista dev, even an uncaught error, must not leave the server running.
  const killOnExit = () => child.kill('SIGKILL')
  process.on('exit', killOnExit)

  let requested = false
  // The runtime's fatal log line of a failed listen carries Node's error code.
  let portInUse = false
  const exited = new Promise<{ how: string; requested: boolean; portInUse: boolean }>((resolve) =>
    // 'close', not 'exit': by then every line it wrote has passed through, so a report of its end comes after them.
    child.once('close', (code, signal) => {
      process.off('exit', killOnExit)
      resolve({ how: signal ? `signal ${signal}` : `exit code ${code}`, requested, portInUse })
    }),
  )
  const listening = new Promise<number | undefined>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      process.stdout.write(line + '\n')
      portInUse ||= line.includes('EADDRINUSE')
      const port = listeningPort(line)
      if (port !== undefined) resolve(port)
    })
    void exited.then(() => resolve(undefined))
  })

  return {
    listening,
    exited,
    async stop() {
      requested = true
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS)
      await exited
      clearTimeout(timer)
    },
    kill() {
      requested = true
      child.kill('SIGKILL')
    },
  }
}

/** The port of the runtime's `{"msg":"listening","port":…}` line; undefined for any other line. */
function listeningPort(line: string): number | undefined {
  if (!line.includes('"listening"')) return undefined
  try {
    const entry = JSON.parse(line) as { msg?: unknown; port?: unknown }
    return entry.msg === 'listening' && typeof entry.port === 'number' ? entry.port : undefined
  } catch {
    return undefined // a line the app printed itself
  }
}
