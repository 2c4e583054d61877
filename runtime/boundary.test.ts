import { join } from 'node:path'
import * as esbuild from 'esbuild'
import { expect, test } from 'vitest'
import { PACKAGE_ROOT } from '../compiler/package-files.ts'

/** What must never ship inside a deployed bundle: the build tool and its dependencies. */
const BUILD_TIME = [/node_modules\/(esbuild|@esbuild|typescript|oxc-parser|@oxc-parser|commander|tsx|vitest|dockerode|yaml|aws-cdk-lib|dynalite)\//, /^compiler\//, /^cli\//, /^targets\/[^/]+\/(?!runtime\/)/]

async function inputsOf(entry: string): Promise<string[]> {
  // @azure/functions-core is the Azure Functions worker's own module: no bundle holds it.
  const result = await esbuild.build({ entryPoints: [join(PACKAGE_ROOT, entry)], bundle: true, write: false, platform: 'node', format: 'esm', metafile: true, absWorkingDir: PACKAGE_ROOT, logLevel: 'silent', external: ['@azure/functions-core'] })
  return Object.keys(result.metafile.inputs)
}

const SHIPPED = [
  'runtime/index.ts',
  'targets/monolith/runtime/main.ts',
  'targets/containers/runtime/service.ts',
  'targets/containers/runtime/gateway.ts',
  'runtime/bridges/nats.ts',
  'runtime/bridges/amqp.ts',
  'runtime/bridges/mqtt.ts',
  'runtime/stores/redis.ts',
  'runtime/stores/dynamodb.ts',
  'runtime/tracing/otel/start-tracing.ts',
  'targets/lambda/runtime/command-function.ts',
  'targets/lambda/runtime/subscription-function.ts',
  'targets/lambda/runtime/purista.ts',
  'targets/lambda/runtime/publisher.ts',
  'targets/lambda/runtime/invoker.ts',
  'targets/azure/runtime/command-function.ts',
  'targets/azure/runtime/subscription-function.ts',
  'targets/azure/runtime/purista.ts',
  'targets/azure/runtime/publisher.ts',
  'targets/azure/runtime/invoker.ts',
  'targets/azure/runtime/table-state-store.ts',
  'targets/azure/runtime/table-state-reader.ts',
  'targets/azure/runtime/envelope-answers.ts',
  'targets/azure/runtime/traced.ts',
]

test.each(SHIPPED)('%s pulls in no build-time code', async (entry) => {
  const inputs = await inputsOf(entry)
  expect(inputs.length).toBeGreaterThan(5)
  expect(inputs.filter((input) => BUILD_TIME.some((pattern) => pattern.test(input)))).toEqual([])
  // The runtime validates through Standard Schema, so it does not even need zod itself.
  expect(inputs.filter((input) => input.includes('node_modules/zod/'))).toEqual([])
})

test('the check would catch a leak', async () => {
  const inputs = await inputsOf('compiler/analyze/analyze.ts')
  expect(inputs.some((input) => BUILD_TIME.some((pattern) => pattern.test(input)))).toBe(true)
})
