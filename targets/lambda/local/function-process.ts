import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { LocalFunction } from './template.ts'

const HOST = fileURLToPath(new URL('./function-host.mjs', import.meta.url))
const HOOK = fileURLToPath(new URL('./register-hook.mjs', import.meta.url))

export type Invocation = { ok: true; result: unknown } | { ok: false; error: { errorType: string; errorMessage: string; trace?: string[] } }

type HostMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: Extract<Invocation, { ok: false }>['error'] }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id: string; error: Extract<Invocation, { ok: false }>['error'] }

/**
 * A function in a process of its own, like a Lambda execution environment: the handler is loaded
 * once, then invoked per event with the function's timeout. A function that times out or crashes
 * is replaced by a fresh process on its next invocation (a new cold start, as on AWS).
 */
export class FunctionProcess {
  private child?: ChildProcess
  private starting?: Promise<ChildProcess>
  private readonly pending = new Map<string, { child: ChildProcess; done: (outcome: Invocation) => void }>()

  constructor(
    readonly fn: LocalFunction,
    private readonly environment: Record<string, string>,
  ) {}

  start(): Promise<ChildProcess> {
    this.starting ??= new Promise((resolve, reject) => {
      const child = fork(HOST, [this.fn.codeDir, this.fn.handler], {
        execArgv: ['--import', HOOK, '--enable-source-maps'],
        env: this.environment,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') (this.child = child), resolve(child)
        else if (message.type === 'init-error') reject(new Error(`${this.fn.id} failed to start: ${message.error.errorMessage}`))
        else this.settle(message.id, message.type === 'result' ? { ok: true, result: message.result } : { ok: false, error: message.error })
      })
      // A send to a process that just died reports an error here; its exit settles what it held.
      child.on('error', () => {})
      child.once('exit', (code, signal) => {
        if (this.child === child) this.reset()
        reject(new Error(`${this.fn.id} exited while starting (${signal ?? `code ${code}`})`))
        for (const [id, entry] of this.pending) {
          if (entry.child === child) this.settle(id, { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${id} Error: Runtime exited ${signal ? `with signal: ${signal}` : `with error: exit status ${code}`}` } })
        }
      })
    })
    return this.starting
  }

  async invoke(event: unknown): Promise<Invocation> {
    let child: ChildProcess
    try {
      child = await this.start()
    } catch (error) {
      this.reset()
      return { ok: false, error: { errorType: 'Runtime.InitError', errorMessage: (error as Error).message } }
    }
    const id = randomUUID()
    const timeoutMs = this.fn.timeoutSeconds * 1000
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, { ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds` } })
        if (this.child === child) this.reset()
        child.kill('SIGKILL')
      }, timeoutMs)
      this.pending.set(id, { child, done: (outcome) => (clearTimeout(timer), resolve(outcome)) })
      child.send({ id, event, context: { awsRequestId: id, functionName: this.fn.id, memoryLimitInMB: String(this.fn.memoryMb), deadline: Date.now() + timeoutMs } })
    })
  }

  async stop(): Promise<void> {
    const child = this.child
    this.reset()
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }

  private settle(id: string, outcome: Invocation) {
    const entry = this.pending.get(id)
    this.pending.delete(id)
    entry?.done(outcome)
  }

  private reset() {
    this.child = undefined
    this.starting = undefined
  }
}
