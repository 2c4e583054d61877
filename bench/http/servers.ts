import { join } from 'node:path'
import { REPO, startServerProcess } from '../lib.ts'

export interface Server {
  name: string
  port: number
  stop(): Promise<void>
}

/** Starts a server process and waits for its `{"msg":"listening","port":…}` line. */
async function startServer(name: string, args: string[], env: Record<string, string> = {}): Promise<Server> {
  const { readyLine, stop } = await startServerProcess(name, args, (line) => line.includes('"listening"'), { PORT: '0', LOG_LEVEL: 'warn', ...env })
  return { name, port: JSON.parse(readyLine).port as number, stop }
}

export const httpPeers = {
  // At info the monolith logs its port once and nothing per request (the bench command logs nothing).
  purista: () => startServer('purista monolith', [join(REPO, 'bench/http/app/dist/monolith/index.mjs')], { LOG_LEVEL: 'info' }),
  'node:http + zod': () => startServer('node:http + zod', ['--import', 'tsx', join(REPO, 'bench/http/node-zod.ts')]),
  'fastify 5 + zod': () => startServer('fastify 5 + zod', ['--import', 'tsx', join(REPO, 'bench/http/fastify-zod.ts')]),
}
