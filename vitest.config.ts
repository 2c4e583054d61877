import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const runtime = fileURLToPath(new URL('./runtime/index.ts', import.meta.url))
const bridge = (name: string) => fileURLToPath(new URL(`./runtime/bridges/${name}.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@purista/core': runtime,
      'purista/config': fileURLToPath(new URL('./compiler/config/define-config.ts', import.meta.url)),
      'purista/nats': bridge('nats'),
      'purista/amqp': bridge('amqp'),
      'purista/mqtt': bridge('mqtt'),
      purista: runtime,
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'bench/.work/**', '.purista-tmp/**'],
    testTimeout: 30_000,
    // The AWS SDK warns once per process that it will need Node 22 from 2027; Lambda runs 22 already.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // .ci/run asks for a JSON report too, to print a plain "N passed, N failed" line.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_REPORT ? { json: process.env.VITEST_JSON_REPORT } : undefined,
    hookTimeout: 60_000,
  },
})
