import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { lambdaTools } from './lambda-tools.ts'

export interface RicRun {
  /** What the function answered, per event: { result } or { error } as posted to the Runtime API. */
  outcomes: ({ result: unknown } | { error: unknown })[]
  /** From spawning the runtime to the first answer: init plus the first invocation. */
  coldStartMs: number
  output: string
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString()))
  })

/**
 * Runs a function with the real Lambda Runtime Interface Client (aws-lambda-ric) on Node 22,
 * against a local Runtime API that hands it the given events one by one, as Lambda does.
 */
export async function runWithRic(options: { taskRoot: string; handler: string; events: unknown[]; env?: Record<string, string> }): Promise<RicRun> {
  const queue = [...options.events]
  const outcomes: RicRun['outcomes'] = []
  let firstAnswerAt = 0
  let finish!: () => void
  const finished = new Promise<void>((resolve) => (finish = resolve))
  const record = (outcome: RicRun['outcomes'][number]) => {
    firstAnswerAt ||= performance.now()
    outcomes.push(outcome)
    if (outcomes.length === options.events.length) finish()
  }
  const server = createServer(async (req, res) => {
    const url = req.url ?? ''
    if (req.method === 'GET' && url === '/2018-06-01/runtime/invocation/next') {
      const event = queue.shift()
      // With nothing left to hand out, the runtime waits here, as it does on Lambda between invocations.
      if (event === undefined) return
      const id = randomUUID()
      return res
        .writeHead(200, {
          'content-type': 'application/json',
          'lambda-runtime-aws-request-id': id,
          'lambda-runtime-deadline-ms': String(Date.now() + 10_000),
          'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:000000000000:function:test',
          'lambda-runtime-trace-id': 'Root=1-00000000-000000000000000000000000;Sampled=0',
        })
        .end(JSON.stringify(event))
    }
    const body = await readBody(req)
    if (/\/invocation\/[^/]+\/response$/.test(url)) record({ result: JSON.parse(body || 'null') })
    else if (/\/invocation\/[^/]+\/error$/.test(url) || url.endsWith('/init/error')) record({ error: JSON.parse(body || 'null') })
    res.writeHead(202).end()
  })
  const { node22, ric } = await lambdaTools()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const started = performance.now()
  const child = spawn(node22, [ric, options.handler], {
    cwd: options.taskRoot,
    env: { PATH: process.env.PATH, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${(server.address() as AddressInfo).port}`, LAMBDA_TASK_ROOT: options.taskRoot, _HANDLER: options.handler, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c) => (output += c))
  child.stderr.on('data', (c) => (output += c))
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the runtime exited (${code}) after ${outcomes.length} answers:\n${output}`))))
  try {
    await Promise.race([finished, exited])
  } finally {
    child.kill('SIGKILL')
    server.closeAllConnections()
    server.close()
  }
  return { outcomes, coldStartMs: firstAnswerAt - started, output }
}
