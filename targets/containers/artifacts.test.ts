import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validate } from 'dockerfile-utils'
import { beforeAll, describe, expect, test } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { build } from '../../cli/build.ts'
import { PACKAGE_ROOT } from '../../compiler/package-files.ts'

const outDir = mkdtempSync(join(tmpdir(), 'purista-artifacts-'))
const out = join(outDir, 'containers')
const read = (path: string) => readFileSync(join(out, path), 'utf8')

/** docker-compose (1.29) is installed by .ci/run; without it the compose check cannot run. */
const composeAvailable = () => new Promise<boolean>((resolve) => execFile('docker-compose', ['version'], (error) => resolve(!error)))

describe('containers target: the deployment files', () => {
  let containers: string[]
  beforeAll(async () => {
    const report = await build({ configPath: join(PACKAGE_ROOT, 'fixtures/shop/purista.config.ts'), target: 'containers', broker: 'amqp', outDir })
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    containers = readdirSync(out).filter((name) => name !== 'k8s' && !name.includes('.'))
  })

  test('one container per service, plus the gateway, each with a bundle, a Dockerfile and a .dockerignore', () => {
    expect(containers.sort()).toEqual(['catalog-v1', 'customer-v1', 'gateway', 'inventory-v1', 'notification-v1', 'order-v1'])
    for (const name of containers) {
      const files = readdirSync(join(out, name)).sort()
      expect(files).toEqual(['.dockerignore', 'Dockerfile', 'index.mjs', 'index.mjs.map'])
    }
  })

  test('every Dockerfile passes dockerfile-utils validation', () => {
    for (const name of containers) expect(validate(read(`${name}/Dockerfile`)), name).toEqual([])
  })

  test('the compose file runs the broker, Redis, every container and the gateway, started in order of health', () => {
    const compose = parseAllDocuments(read('docker-compose.yaml'))[0]!.toJSON()
    expect(Object.keys(compose.services).sort()).toEqual(['catalog-v1', 'customer-v1', 'gateway', 'inventory-v1', 'notification-v1', 'order-v1', 'rabbitmq', 'redis'])
    expect(compose.services['order-v1']).toMatchObject({
      build: './order-v1',
      image: 'shop-order-v1',
      environment: { AMQP_URL: '${AMQP_URL:-amqp://rabbitmq:5672}', AMQP_TLS_CA: '${AMQP_TLS_CA:-}', REDIS_URL: '${REDIS_URL:-redis://redis:6379}', PORT: '3000' },
      depends_on: { rabbitmq: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } },
      healthcheck: { test: expect.arrayContaining(['node']) },
    })
    expect(compose.services.gateway.ports).toEqual(['3000:3000'])
    expect(Object.keys(compose.services.gateway.depends_on).sort()).toEqual(['catalog-v1', 'customer-v1', 'inventory-v1', 'notification-v1', 'order-v1', 'rabbitmq'])
  })

  test('the compose file passes docker-compose config -q', async () => {
    if (!(await composeAvailable())) {
      if (process.env.CI === 'true') throw new Error('docker-compose is not installed; .ci/run installs it')
      return
    }
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile('docker-compose', ['-f', join(out, 'docker-compose.yaml'), 'config', '-q'], (error, _stdout, stderr) => resolve({ code: error ? 1 : 0, stderr })),
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  test('the Kubernetes manifests parse, name only images the build produced, probe health, read settings from the ConfigMap and credentials from the Secret', () => {
    const produced = new Set(containers.map((name) => `shop-${name}`))
    const docs = readdirSync(join(out, 'k8s')).flatMap((file) => parseAllDocuments(read(`k8s/${file}`)).map((d) => d.toJSON()))
    const deployments = docs.filter((d) => d.kind === 'Deployment' && d.metadata.name !== 'redis')
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...containers].sort())
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers
      expect(produced.has(container.image), container.image).toBe(true)
      expect(container.readinessProbe.httpGet.path).toBe('/healthz')
      expect(container.livenessProbe.httpGet.path).toBe('/healthz')
      expect(container.resources.requests).toEqual({ cpu: '100m', memory: '128Mi' })
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'shop-config' } }, { secretRef: { name: 'shop-broker', optional: true } }])
      expect(container.volumeMounts).toEqual([{ name: 'broker-credentials', mountPath: '/etc/purista/broker', readOnly: true }])
      expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'broker-credentials', secret: { secretName: 'shop-broker', optional: true } }])
    }
    expect(docs.filter((d) => d.kind === 'Service').map((d) => d.metadata.name).sort()).toEqual([...containers, 'redis'].sort())
    // No password in the ConfigMap, and no Secret written: its values are the operator's (kubectl create secret).
    expect(docs.find((d) => d.kind === 'ConfigMap').data).toEqual({ AMQP_URL: 'amqp://rabbitmq:5672', REDIS_URL: 'redis://redis:6379', LOG_LEVEL: 'info' })
    expect(docs.filter((d) => d.kind === 'Secret')).toEqual([])
  })
})
