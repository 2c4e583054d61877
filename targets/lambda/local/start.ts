import { join } from 'node:path'
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamo, type LocalDynamo } from './dynamodb.ts'
import { startLocalAws, storedValuesFromEnvironment, type LocalAws } from './aws-endpoint.ts'
import { FunctionProcess } from './function-process.ts'
import { startLocalHttpApi } from './http-api.ts'
import { synthesize } from './synth.ts'
import { readLocalApp, type LocalApp } from './template.ts'

export interface LocalLambdaOptions {
  /** dist/lambda/cdk of a build. */
  cdkDir: string
  port: number
  log(line: string): void
}

export interface LocalLambda {
  port: number
  app: LocalApp
  close(): Promise<void>
}

/**
 * Runs a built lambda target the way AWS would wire it, from its synthesized template: the HttpApi
 * routes on a local port, PutEvents through the rules' patterns, Lambda Invoke to the target, a
 * local DynamoDB for the stack's tables, and every function in its own process.
 */
export async function startLocalLambda(options: LocalLambdaOptions): Promise<LocalLambda> {
  const cdkOut = join(options.cdkDir, 'cdk.out')
  await synthesize(options.cdkDir, cdkOut)
  const app = readLocalApp(cdkOut)

  const opened: { close(): Promise<void> }[] = []
  const processes = new Map<string, FunctionProcess>()
  const invoke = (functionId: string, event: unknown) => processes.get(functionId)!.invoke(event)
  try {
    const dynamo: LocalDynamo | undefined = app.tables.length ? await startLocalDynamo(app.tables) : undefined
    if (dynamo) opened.push(dynamo)
    const aws: LocalAws = await startLocalAws({ app, region: LOCAL_REGION, invoke, log: options.log, storedValues: storedValuesFromEnvironment() })
    opened.push(aws)
    const runtimeEnvironment = {
      PATH: process.env.PATH ?? '',
      ...(process.env.LOG_LEVEL && { LOG_LEVEL: process.env.LOG_LEVEL }),
      // Where traces go (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME…): a function built with tracing reads them.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_'))),
      ...localAwsEnvironment({ aws: aws.url, dynamodb: dynamo?.endpoint }),
    }
    for (const fn of app.functions) {
      processes.set(fn.id, new FunctionProcess(fn, { ...runtimeEnvironment, ...fn.environment, AWS_LAMBDA_FUNCTION_NAME: fn.id, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb) }))
    }
    opened.push({ close: async () => void (await Promise.all([...processes.values()].map((p) => p.stop()))) })
    // Every function starts now, so one that cannot even load is reported at start, not at its first request.
    await Promise.all([...processes.values()].map((p) => p.start()))
    const http = await startLocalHttpApi(app, options.port, invoke, options.log)
    opened.push({ close: () => new Promise((resolve) => (http.server.close(() => resolve()), http.server.closeAllConnections())) })
    return { port: http.port, app, close: () => closeAll(opened) }
  } catch (error) {
    await closeAll(opened)
    throw error
  }
}

/** What the Lambda runtime sets for the SDK, with endpoints that send its calls to the local stand-ins instead of AWS. */
export function localAwsEnvironment(endpoints: { aws?: string; dynamodb?: string }): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...(endpoints.aws && { AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.aws, AWS_ENDPOINT_URL_LAMBDA: endpoints.aws, AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.aws, AWS_ENDPOINT_URL_SSM: endpoints.aws }),
    ...(endpoints.dynamodb && { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb }),
    // The local stand-in runs on this machine's Node; Lambda runs the one the stack names.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
}

async function closeAll(opened: { close(): Promise<void> }[]) {
  for (const part of opened.reverse()) await part.close().catch(() => {})
}
