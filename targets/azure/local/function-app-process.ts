import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

const HOST = fileURLToPath(new URL('./function-app-host.mjs', import.meta.url))
/** On NODE_PATH of the host: the stand-in for the worker's @azure/functions-core. */
export const WORKER_MODULES = fileURLToPath(new URL('./worker-modules', import.meta.url))

/** A binding as the host receives it from the worker (the library's toCoreFunctionMetadata). */
export interface BindingMetadata {
  type: string
  direction: 'in' | 'out'
  name?: string
  [property: string]: unknown
}

export interface FunctionMetadata {
  name: string
  bindings: Record<string, BindingMetadata>
}

/** The worker protocol's typed data, as much as HTTP and Service Bus invocations use. */
export type RpcTypedData = { string?: string; json?: string; bytes?: Uint8Array; int?: number; http?: RpcHttp }
export interface RpcHttp {
  method?: string
  url?: string
  headers?: Record<string, string>
  query?: Record<string, string>
  params?: Record<string, string>
  body?: RpcTypedData
  statusCode?: string
}

export interface Invocation {
  functionName: string
  inputData: { name: string; data: RpcTypedData }[]
  triggerMetadata?: Record<string, RpcTypedData>
  retryContext?: { retryCount: number; maxRetryCount: number }
}

export interface InvocationResponse {
  returnValue?: RpcTypedData | null
}

type HostMessage =
  | { type: 'ready'; functions: FunctionMetadata[] }
  | { type: 'init-error'; error: { message: string } }
  | { type: 'result'; id: string; response: InvocationResponse }
  | { type: 'error'; id: string; error: { name: string; message: string; stack: string } }

/**
 * A Function App in a process of its own, loaded as the worker loads it (function-app-host.mjs).
 * Its functions' metadata is what the app registered; invoke() runs one the way the worker does.
 * A function that throws rejects its invocation with the error, as the host would record a failure.
 */
export class FunctionAppProcess {
  functions: FunctionMetadata[] = []
  private child?: ChildProcess
  private readonly pending = new Map<string, { resolve(response: InvocationResponse): void; reject(error: Error): void }>()

  constructor(
    readonly name: string,
    private readonly appDir: string,
    private readonly environment: Record<string, string>,
  ) {}

  start(): Promise<FunctionMetadata[]> {
    return new Promise((resolve, reject) => {
      const child = fork(HOST, [this.appDir], {
        execArgv: ['--enable-source-maps'],
        env: { ...this.environment, NODE_PATH: WORKER_MODULES },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Structured clone: request and response bodies cross as bytes.
        serialization: 'advanced',
      })
      this.child = child
      child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') resolve((this.functions = message.functions))
        else if (message.type === 'init-error') reject(new Error(`Function App ${this.name} failed to start: ${message.error.message}`))
        else {
          const entry = this.pending.get(message.id)
          this.pending.delete(message.id)
          if (message.type === 'result') entry?.resolve(message.response)
          else entry?.reject(Object.assign(new Error(message.error.message), { name: message.error.name, stack: message.error.stack }))
        }
      })
      child.on('error', () => {})
      child.once('exit', (code, signal) => {
        reject(new Error(`Function App ${this.name} exited while starting (${signal ?? `code ${code}`})`))
        for (const entry of this.pending.values()) entry.reject(new Error(`Function App ${this.name} exited (${signal ?? `code ${code}`})`))
        this.pending.clear()
      })
    })
  }

  invoke(invocation: Invocation): Promise<InvocationResponse> {
    const child = this.child
    if (!child?.connected) return Promise.reject(new Error(`Function App ${this.name} is not running`))
    const id = randomUUID()
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      child.send({ id, invocation })
    })
  }

  async stop(): Promise<void> {
    const child = this.child
    this.child = undefined
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}

/** The trigger binding of a function: the one binding whose type ends in Trigger. */
export const triggerOf = (fn: FunctionMetadata): BindingMetadata & { name: string } => {
  const [name, binding] = Object.entries(fn.bindings).find(([, b]) => b.direction === 'in' && /Trigger$/.test(b.type))!
  return { ...binding, name }
}
