import { randomUUID } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toEnvName } from '../../../runtime/stores/env.ts'
import { entrySize, MAX_ENTRY_BYTES } from '../runtime/publisher.ts'
import { matchesPattern } from './event-pattern.ts'
import type { Invocation } from './function-process.ts'
import { readBody } from './read-body.ts'
import type { LocalApp } from './template.ts'

export const LOCAL_ACCOUNT = '000000000000'

export interface LocalAws {
  url: string
  close(): Promise<void>
}

export interface LocalAwsOptions {
  app: LocalApp
  region: string
  invoke(functionId: string, event: unknown): Promise<Invocation>
  log(line: string): void
  /** What the local Secrets Manager and Parameter Store hold: a value by name, from the environment of purista start. */
  storedValues?: StoredValues
}

/** Lambda retries a failed asynchronous invocation twice before giving up on the event. */
const ASYNC_ATTEMPTS = 3

/**
 * The AWS APIs the functions call, served on loopback for the SDK's AWS_ENDPOINT_URL_*: EventBridge
 * PutEvents (routed through the stack's rules), Lambda Invoke, Secrets Manager GetSecretValue and
 * SSM GetParameter (values from storedValues).
 */
export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const { app, region } = options
  const server = createServer((req, res) => {
    readBody(req)
      .then((buffer) => {
        const body = buffer.toString('utf8')
        if (req.headers['x-amz-target'] === 'AWSEvents.PutEvents') return putEvents(JSON.parse(body), res)
        const target = String(req.headers['x-amz-target'] ?? '')
        if (target === 'secretsmanager.GetSecretValue') return getSecretValue(JSON.parse(body), res)
        if (target === 'AmazonSSM.GetParameter') return getParameter(JSON.parse(body), res)
        const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')
        if (req.method === 'POST' && invoke) return invokeFunction(decodeURIComponent(invoke[1]!), String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse'), body, res)
        return sendJson(res, 400, { __type: 'UnknownOperationException', message: `the local runner serves PutEvents, Invoke, GetSecretValue and GetParameter only, not ${target || `${req.method} ${req.url}`}` }, 'UnknownOperationException')
      })
      .catch((error: Error) => sendJson(res, 500, { __type: 'InternalException', message: error.message }, 'InternalException'))
  })

  function putEvents(request: { Entries?: Record<string, any>[] }, res: ServerResponse) {
    const entries = request.Entries ?? []
    if (entries.length < 1 || entries.length > 10) return sendJson(res, 400, { __type: 'ValidationException', message: `PutEvents takes 1 to 10 entries, got ${entries.length}` }, 'ValidationException')
    const results = entries.map((entry) => {
      const bus = busName(entry.EventBusName)
      if (!app.buses.includes(bus) && bus !== 'default') return { ErrorCode: 'NotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` }
      if (entrySize(entry) > MAX_ENTRY_BYTES) return { ErrorCode: 'ValidationException', ErrorMessage: 'Total size of the entries in the request is over the limit.' }
      let detail: unknown
      try {
        detail = JSON.parse(entry.Detail ?? '{}')
      } catch {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }
      }
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: LOCAL_ACCOUNT,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: entry.Resources ?? [],
        detail,
      }
      for (const rule of app.rules) if (rule.busName === bus && matchesPattern(rule.pattern, event)) void deliver(rule.functionId, event)
      return { EventId: event.id }
    })
    sendJson(res, 200, { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results })
  }

  /** EventBridge invokes the target asynchronously; a failing function is retried, then the event is dead-lettered. */
  async function deliver(functionId: string, event: { id: string; 'detail-type': string }) {
    for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt++) {
      const outcome = await options.invoke(functionId, event)
      if (outcome.ok) return
      options.log(`${functionId} failed on event ${event['detail-type']} ${event.id} (attempt ${attempt} of ${ASYNC_ATTEMPTS}): ${outcome.error.errorMessage}`)
    }
    options.log(`event ${event['detail-type']} ${event.id} goes to the dead-letter queue of ${functionId}`)
  }

  function getSecretValue(request: { SecretId?: string }, res: ServerResponse) {
    const name = request.SecretId ?? ''
    const value = options.storedValues?.read(name)
    if (value === undefined) return sendJson(res, 400, { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret. purista start serves secrets from its environment: set ${options.storedValues?.variable(name)}` }, 'ResourceNotFoundException')
    const arn = `arn:aws:secretsmanager:${region}:${LOCAL_ACCOUNT}:secret:${name}-local`
    sendJson(res, 200, { ARN: arn, Name: name, SecretString: value, VersionId: 'local', VersionStages: ['AWSCURRENT'], CreatedDate: 0 })
  }

  function getParameter(request: { Name?: string }, res: ServerResponse) {
    const name = request.Name ?? ''
    const value = options.storedValues?.read(name)
    if (value === undefined) return sendJson(res, 400, { __type: 'ParameterNotFound', message: `purista start serves parameters from its environment: set ${options.storedValues?.variable(name)}` }, 'ParameterNotFound')
    const arn = `arn:aws:ssm:${region}:${LOCAL_ACCOUNT}:parameter/${name.replace(/^\//, '')}`
    sendJson(res, 200, { Parameter: { Name: name, Type: 'String', Value: value, Version: 1, ARN: arn, DataType: 'text' } })
  }

  async function invokeFunction(name: string, invocationType: string, body: string, res: ServerResponse) {
    // FunctionName may be a name, a partial ARN or an ARN: the name is what follows "function:".
    const id = name.split(':function:').pop()!.split(':')[0]!
    if (!app.functions.some((f) => f.id === id)) {
      return sendJson(res, 404, { Type: 'User', message: `Function not found: arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${id}` }, 'ResourceNotFoundException')
    }
    const event = body ? JSON.parse(body) : {}
    if (invocationType === 'Event') {
      void deliver(id, event)
      return res.writeHead(202).end()
    }
    const outcome = await options.invoke(id, event)
    if (outcome.ok) return sendJson(res, 200, outcome.result)
    res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(outcome.error))
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * The local run's secrets and parameters: no Secrets Manager or Parameter Store runs locally, so a
 * value comes from the environment of `purista start` under the env store's name for it (apiKey →
 * $API_KEY, /shop/maxItems → $SHOP_MAX_ITEMS). The functions still read them through the AWS SDK.
 */
export interface StoredValues {
  read(name: string): string | undefined
  /** Where a value by this name is set. */
  variable(name: string): string
}

export const storedValuesFromEnvironment = (env: NodeJS.ProcessEnv = process.env): StoredValues => ({
  read: (name) => env[localVariable(name)],
  variable: (name) => `$${localVariable(name)}`,
})

const localVariable = (name: string) => toEnvName(name.replace(/^\/+/, ''))

/** EventBusName may be a name or an ARN (…:event-bus/<name>); none means the default bus. */
const busName = (nameOrArn: string | undefined) => (nameOrArn ? nameOrArn.split(':event-bus/').pop()! : 'default')

function sendJson(res: ServerResponse, status: number, body: unknown, errorType?: string) {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(errorType && { 'x-amzn-errortype': errorType }) }).end(JSON.stringify(body))
}
