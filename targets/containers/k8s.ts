import { stringify } from 'yaml'
import { BRIDGE_URL_VARIABLE } from '../shared/entry.ts'
import { BROKERS, REDIS } from './brokers.ts'

export interface ManifestInput {
  app: string
  broker: 'nats' | 'amqp' | 'mqtt'
  redis: boolean
  port: number
  replicas: number
  /** See instance-identity.ts for stableInstanceId. */
  containers: { name: string; image: string; stableInstanceId?: boolean }[]
  gateway: { image: string }
  /** The build traces: the ConfigMap carries the export settings. */
  tracing?: boolean
}

const probe = (port: number, initialDelaySeconds: number) => ({ httpGet: { path: '/healthz', port }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 3 })

/**
 * A pod of a StatefulSet keeps its name (<name>-0, <name>-1 …) across restarts and reschedules: it is
 * the instance's id, so each replica comes back to its own broker session.
 */
const podNameAsInstanceId = { name: 'PURISTA_INSTANCE_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }

/** Where a container's environment comes from: settings from the ConfigMap, credentials from the Secret. */
interface EnvironmentSources {
  configMap: string
  /** Optional: a broker without credentials needs none. Its keys are variables, and files under BROKER_FILES. */
  secret: string
}

/** Where the Secret's keys appear as files, for the variables that name one ($NATS_CREDS, $…_TLS_CA). */
const BROKER_FILES = '/etc/purista/broker'

function workload(app: string, name: string, image: string, port: number, replicas: number, sources: EnvironmentSources, stableInstanceId = false) {
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': app }
  const deployment = {
    apiVersion: 'apps/v1',
    kind: stableInstanceId ? 'StatefulSet' : 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      // Pods start and stop together, as a Deployment's do: only their names need to be stable.
      ...(stableInstanceId && { serviceName: name, podManagementPolicy: 'Parallel' }),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          // Enough for a drain: the process finishes in-flight work on SIGTERM.
          terminationGracePeriodSeconds: 30,
          volumes: [{ name: 'broker-credentials', secret: { secretName: sources.secret, optional: true } }],
          containers: [
            {
              name,
              image,
              ports: [{ containerPort: port, name: 'http' }],
              env: [{ name: 'PORT', value: String(port) }, ...(stableInstanceId ? [podNameAsInstanceId] : [])],
              // The Secret comes last, so its values win: an AMQP_URL with a password there replaces the ConfigMap's.
              envFrom: [{ configMapRef: { name: sources.configMap } }, { secretRef: { name: sources.secret, optional: true } }],
              volumeMounts: [{ name: 'broker-credentials', mountPath: BROKER_FILES, readOnly: true }],
              readinessProbe: probe(port, 2),
              livenessProbe: probe(port, 10),
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
            },
          ],
        },
      },
    },
  }
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: port }] } }
  return [deployment, service]
}

/**
 * Kubernetes manifests, one file each: a ConfigMap with the broker (and Redis) URL (credentials come
 * from the optional Secret <app>-broker, which the manifests only read), and a Deployment
 * (a StatefulSet where the instance's id matters: instance-identity.ts) and Service per container
 * and for the gateway. The broker itself is yours to run; point the
 * ConfigMap at it.
 */
export function manifests(input: ManifestInput): { path: string; contents: string }[] {
  const configMap = `${input.app}-config`
  const sources = { configMap, secret: `${input.app}-broker` }
  const data: Record<string, string> = {
    [BRIDGE_URL_VARIABLE[input.broker]]: BROKERS[input.broker].url,
    LOG_LEVEL: 'info',
    ...(input.redis && { REDIS_URL: REDIS.url }),
    // A traced build exports once the endpoint is filled in (the collector's OTLP/HTTP address).
    ...(input.tracing && { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_TRACES_SAMPLER: 'parentbased_always_on' }),
  }
  const files: { path: string; docs: object[] }[] = [{ path: 'k8s/config.yaml', docs: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: configMap }, data }] }]
  for (const c of input.containers) files.push({ path: `k8s/${c.name}.yaml`, docs: workload(input.app, c.name, c.image, input.port, input.replicas, sources, c.stableInstanceId) })
  files.push({ path: 'k8s/gateway.yaml', docs: workload(input.app, 'gateway', input.gateway.image, input.port, input.replicas, sources) })
  if (input.redis) {
    const labels = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/part-of': input.app }
    files.push({
      path: 'k8s/redis.yaml',
      docs: [
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'redis', labels }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'redis', image: REDIS.image, ports: [{ containerPort: 6379 }], resources: { requests: { cpu: '50m', memory: '64Mi' } } }] } } } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis', labels }, spec: { selector: labels, ports: [{ port: 6379, targetPort: 6379 }] } },
      ],
    })
  }
  return files.map((f) => ({ path: f.path, contents: `# Generated by purista build --target containers\n${f.docs.map((d) => stringify(d)).join('---\n')}` }))
}
