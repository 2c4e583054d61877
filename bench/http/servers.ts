import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO } from '../lib.ts'

export interface Server {
  name: string
  port: number
  stop(): Promise<void>
}

/** Starts a server process and waits for its `{"msg":"listening","port":…}` line. */
export function startServer(name: string, args: string[], env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = () => (child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'), exited)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`${name} did not listen within 10 s`))), 10_000)
    exited.then(() => (clearTimeout(timer), reject(new Error(`${name} exited before listening`))))
    let buffer = ''
    child.stdout.on('data', (chunk) => {
      buffer += chunk
      const line = buffer.split('\n').find((l) => l.includes('"listening"'))
      if (!line) return
      clearTimeout(timer)
      resolve({ name, port: JSON.parse(line).port as number, stop })
    })
  })
}

export const httpPeers = {
  // At info the monolith logs its port once and nothing per request (the bench command logs nothing).
  purista: () => startServer('purista monolith', [join(REPO, 'bench/http/app/dist/monolith/index.mjs')], { LOG_LEVEL: 'info' }),
  'node:http + zod': () => startServer('node:http + zod', ['--import', 'tsx', join(REPO, 'bench/http/node-zod.ts')]),
  'fastify 5 + zod': () => startServer('fastify 5 + zod', ['--import', 'tsx', join(REPO, 'bench/http/fastify-zod.ts')]),
}
