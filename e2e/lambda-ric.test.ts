import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DynamoStateStore } from '../runtime/stores/dynamodb.ts'
import { LOCAL_CREDENTIALS, startLocalDynamo, stateTable, type LocalDynamo } from '../targets/lambda/local/dynamodb.ts'
import { localAwsEnvironment } from '../targets/lambda/local/start.ts'
import { REPO, runCli } from './helpers.ts'
import { lambdaTools } from './lambda-tools.ts'
import { runWithRic } from './runtime-api.ts'

let outDir: string
let dynamo: LocalDynamo

// Installed on first use (about two minutes: a native build). Without the build tools this is skipped
// locally and fails in CI, like the tests that need a broker.
const unavailable = await lambdaTools().then(() => undefined, (error: Error) => error)
if (unavailable && process.env.CI === 'true') throw unavailable
if (unavailable) console.warn(`skipping the aws-lambda-ric test: ${unavailable.message}`)

beforeAll(async () => {
  if (unavailable) return
  outDir = mkdtempSync(join(tmpdir(), 'purista-ric-'))
  const built = await runCli(['build', '--target', 'lambda', '--out-dir', outDir])
  expect(built.code, built.stderr).toBe(0)
  dynamo = await startLocalDynamo([stateTable('state')])
}, 60_000)
afterAll(async () => {
  await dynamo?.close()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

const getUserEvent = (userId: string) =>
  APIGatewayProxyEventV2Schema.parse({
    version: '2.0',
    routeKey: 'GET /api/v1/users/{userId}',
    rawPath: `/api/v1/users/${userId}`,
    rawQueryString: '',
    headers: { 'x-trace-id': `ric-${userId}` },
    pathParameters: { userId },
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.local',
      domainPrefix: 'api',
      http: { method: 'GET', path: `/api/v1/users/${userId}`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: userId,
      routeKey: 'GET /api/v1/users/{userId}',
      stage: '$default',
      time: '21/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795000000000,
    },
    isBase64Encoded: false,
  })

test.skipIf(unavailable)('a built function runs under the real aws-lambda-ric on Node 22: init once, then one answer per event', async () => {
  expect(execFileSync((await lambdaTools()).node22, ['--version']).toString()).toMatch(/^v22\./)
  // The task root holds the bundle only; the AWS SDK comes from the runtime's node_modules, as on Lambda.
  const taskRoot = mkdtempSync(join(tmpdir(), 'purista-task-'))
  cpSync(join(outDir, 'lambda/functions/User-v1-getUser'), taskRoot, { recursive: true })
  symlinkSync(join(REPO, 'node_modules'), join(taskRoot, 'node_modules'))
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }))
  await new DynamoStateStore({ service: { serviceName: 'User', serviceVersion: '1', serviceDescription: '' }, tableName: 'state', client }).setState('user:u1', { userId: 'u1', email: 'ada@example.com', name: 'Ada' })
  client.destroy()

  const run = await runWithRic({
    taskRoot,
    handler: 'index.handler',
    events: [getUserEvent('u1'), getUserEvent('nobody')],
    env: { ...localAwsEnvironment({ dynamodb: dynamo.endpoint }), PURISTA_STATE_TABLE: 'state', LOG_LEVEL: 'error' },
  })
  rmSync(taskRoot, { recursive: true, force: true })
  expect(run.outcomes[0]).toEqual({
    result: { statusCode: 200, headers: { 'x-trace-id': 'ric-u1', 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'u1', email: 'ada@example.com', name: 'Ada' }) },
  })
  expect(run.outcomes[1]).toMatchObject({ result: { statusCode: 404, headers: { 'content-type': 'application/problem+json', 'x-trace-id': 'ric-nobody' } } })
  expect(JSON.parse((run.outcomes[1] as { result: { body: string } }).result.body)).toMatchObject({ detail: 'user not found', data: { userId: 'nobody' } })
}, 60_000)
