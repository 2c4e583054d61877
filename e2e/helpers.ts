import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('..', import.meta.url))
export const CLI = join(REPO, 'cli/bin.mjs')

/** A scratch project inside the repo, so its imports of zod resolve like a user's would. */
export function scratchProject(files: Record<string, string>): string {
  mkdirSync(join(REPO, '.purista-tmp'), { recursive: true })
  const dir = mkdtempSync(join(REPO, '.purista-tmp', 'app-'))
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), contents)
  }
  return dir
}

export const removeProject = (dir: string) => rmSync(dir, { recursive: true, force: true })

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** 1-based line:column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle)
  if (offset < 0) throw new Error(`"${needle}" not found`)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}

export interface RunningProcess {
  child: ChildProcess
  port: number
  /** Every log line printed so far, parsed. */
  logs: Record<string, any>[]
  waitForLog(predicate: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts a built bundle with PORT=0 and resolves once it logs the port it listens on. */
export const startBundle = (file: string, env: Record<string, string> = {}): Promise<RunningProcess> => startNode([file], env)

/**
 * Starts node with PORT=0 and resolves with the port it listens on: from its JSON log line
 * "listening", or from stderr when a pattern for it is given. Its stdout must be JSON log lines.
 */
export function startNode(args: string[], env: Record<string, string> = {}, portOnStderr?: RegExp): Promise<RunningProcess> {
  // Test files run side by side on the machine's brokers, several with the same app: each keeps to its own namespace.
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, PORT: '0', PURISTA_NAMESPACE: `e2e-${process.pid}`, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs: Record<string, any>[] = []
  const waiters = new Set<() => void>()
  let buffer = ''
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop()!
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line))
    for (const wake of waiters) wake()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const waitForLog = (predicate: (line: Record<string, any>) => boolean, timeoutMs = 5_000) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const check = () => {
        const found = logs.find(predicate)
        if (!found) return
        waiters.delete(check)
        clearTimeout(timer)
        resolve(found)
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`log line not seen within ${timeoutMs} ms; stderr: ${stderr}; logs: ${JSON.stringify(logs)}`))
      }, timeoutMs)
      waiters.add(check)
      check()
    })
  const exitedEarly = exited.then((code) => {
    throw new Error(`exited with ${code} before listening; stderr: ${stderr}; logs: ${JSON.stringify(logs)}`)
  })
  const stderrPort = new Promise<number>((resolve) => {
    if (!portOnStderr) return
    child.stderr!.on('data', () => {
      const match = portOnStderr.exec(stderr)
      if (match) resolve(Number(match[1]))
    })
  })
  // 20 s: on a loaded two-core CI machine a bundle with a broker connection took more than 5 s to listen.
  const listening = portOnStderr ? stderrPort : waitForLog((l) => l.msg === 'listening', 20_000).then((line) => line.port as number)
  return Promise.race([listening, exitedEarly]).then((port) => ({
    child,
    port,
    logs,
    waitForLog,
    stop: (signal: NodeJS.Signals = 'SIGTERM') => (child.kill(signal), exited),
  }))
}
