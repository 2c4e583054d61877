import { execFile, spawn } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('..', import.meta.url))

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** How node runs a file: TypeScript through tsx, built JavaScript as it is. */
const nodeArgs = (file: string) => (file.endsWith('.ts') ? ['--import', 'tsx', file] : [file])

/** How a benchmark process starts: node itself, or node under another program (valgrind) that `prefix` names. */
export interface Launch {
  prefix?: string[]
  /** A server that prints nothing ready within this fails. Default: 15 s. */
  readyWithinMs?: number
}

/** The program to run and its arguments: node and `args`, behind the launch prefix if there is one. */
const command = ({ prefix = [] }: Launch, args: string[]): [string, string[]] =>
  prefix.length ? [prefix[0]!, [...prefix.slice(1), process.execPath, ...args]] : [process.execPath, args]

/** Runs one benchmark file in its own Node process (no JIT state shared between peers) and returns its JSON. */
export function runNode<T>(file: string, args: string[] = [], env: Record<string, string> = {}, launch: Launch = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(...command(launch, [...nodeArgs(file), ...args]), { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${file} failed: ${stderr || error.message}`))
      const last = stdout.trim().split('\n').at(-1)!
      resolve(JSON.parse(last) as T)
    })
  })
}

export const machine = () => `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

export interface ServerProcess {
  /** The line the server printed when it was ready. */
  readyLine: string
  stop(): Promise<void>
}

/** Starts a server process and resolves once it prints a line `isReady` accepts; fails if it exits or is not ready in time. */
export function startServerProcess(name: string, args: string[], isReady: (line: string) => boolean, env: Record<string, string> = {}, launch: Launch = {}): Promise<ServerProcess> {
  const readyWithinMs = launch.readyWithinMs ?? 15_000
  const child = spawn(...command(launch, args), { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = () => (child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'), exited)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`${name} was not ready within ${readyWithinMs / 1000} s`))), readyWithinMs)
    exited.then(() => (clearTimeout(timer), reject(new Error(`${name} exited before it was ready`))))
    let buffer = ''
    child.stdout.on('data', (chunk) => {
      buffer += chunk
      const readyLine = buffer.split('\n').find(isReady)
      if (!readyLine) return
      clearTimeout(timer)
      resolve({ readyLine, stop })
    })
  })
}

/**
 * An esbuild plugin that resolves `zod` to zod-lite, as purista's function bundles do where their
 * code allows it: a hand-written peer then validates the same way, so a difference in bytes is
 * purista's runtime and not the choice of zod build. Only the bare specifier: zod-lite itself
 * imports zod's core by its subpaths.
 */
export const zodLitePlugin = { name: 'zod-lite', setup: (build: { onResolve: (options: { filter: RegExp }, resolve: () => { path: string }) => void }) => build.onResolve({ filter: /^zod$/ }, () => ({ path: join(REPO, 'runtime/zod-lite/zod.ts') })) }
