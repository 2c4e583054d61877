import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { REPO } from '../lib.ts'

export interface Server {
  name: string
  port: number
  stop(): Promise<void>
}

/** Starts a server process and waits for its `{"msg":"listening","port":…}` line. */
export function startServer(name: string, args: string[], env: Record<string, string> = {}): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let buffer = ''
    child.stdout!.on('data', (chunk) => {
      buffer += chunk
      for (const line of buffer.split('\n')) {
        if (!line.includes('"listening"')) continue
        const port = JSON.parse(line).port as number
        resolve({ name, port, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) })
      }
    })
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)))
    setTimeout(() => (child.kill(), reject(new Error(`${name} did not listen within 10 s`))), 10_000).unref()
  })
}

export const httpPeers = {
  // At info the monolith logs its port once and nothing per request (the bench command logs nothing).
  purista: () => startServer('purista monolith', [join(REPO, 'bench/http/app/dist/monolith/index.mjs')], { LOG_LEVEL: 'info' }),
  'node:http + zod': () => startServer('node:http + zod', ['--import', 'tsx', join(REPO, 'bench/http/node-zod.ts')]),
  'fastify 5 + zod': () => startServer('fastify 5 + zod', ['--import', 'tsx', join(REPO, 'bench/http/fastify-zod.ts')]),
}
