import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import { providersFor } from '../../compiler/config/resource-providers.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { DOCKERIGNORE, nodeDockerfile } from '../shared/dockerfile.ts'
import { appOptions, bundledPackages, entrySource } from '../shared/entry.ts'
import { tracedProcess, tracingPackages } from '../shared/tracing.ts'
import type { Artifact, Plan, Target } from '../types.ts'
import { composeFile } from './compose.ts'
import { checkContainerNames } from './container-names.ts'
import { checkGroups, containerGroups } from './groups.ts'
import { needsStableInstanceId } from './instance-identity.ts'
import { manifests } from './k8s.ts'
import { TARGET_DESCRIPTIONS } from '../catalog.ts'

const GENERATED_BY = 'purista build --target containers'

/** One bundle per container and one for the gateway, from the same esbuild pass, plus compose and Kubernetes files. */
export function planContainers(model: AppModel, config: ResolvedConfig): Plan {
  const { broker, imagePrefix, namespace, replicas, state } = config.targets.containers
  const app = model.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
  const image = (container: string) => `${imagePrefix}${app}-${container}`
  const options = appOptions(model.name, config)
  const groups = containerGroups(model, config)
  const bundle = (out: string, file: string, name: string, services = model.services, bundleState = state, authGuard?: ResolvedConfig['authGuard']) => ({
    out: `${out}/index`,
    // The gateway runs no service, so it makes no resource.
    contents: entrySource({ run: { file, name }, services, projectRoot: config.projectRoot, bridge: broker, namespace, state: bundleState, options, authGuard, resources: name === 'runGateway' ? undefined : providersFor(services, config.resources), tracing: tracedProcess(config, `${model.name}-${out}`) }),
  })
  const entries = [
    ...groups.map((g) => bundle(g.name, 'targets/containers/runtime/service.ts', 'runServiceContainer', g.services)),
    // The gateway keeps no state: it only forwards. It alone authenticates: services trust the envelope's principal.
    bundle('gateway', 'targets/containers/runtime/gateway.ts', 'runGateway', model.services, 'memory', config.authGuard),
  ]
  const containers = groups.map((g) => ({ name: g.name, image: image(g.name), stableInstanceId: needsStableInstanceId(broker, g) }))
  const gateway = { name: 'gateway', image: image('gateway') }
  const everyImage = [...containers, gateway]
  const redis = state === 'redis'
  const artifacts: Artifact[] = [
    ...everyImage.flatMap(({ name }) => [
      { path: `${name}/Dockerfile`, contents: nodeDockerfile({ generatedBy: GENERATED_BY, port: config.http.port }) },
      { path: `${name}/.dockerignore`, contents: DOCKERIGNORE },
    ]),
    { path: 'docker-compose.yaml', contents: composeFile({ broker, redis, port: config.http.port, containers, gateway, tracing: config.telemetry.tracing }) },
    ...manifests({ app, broker, redis, port: config.http.port, replicas, containers, gateway, tracing: config.telemetry.tracing }),
  ]
  return {
    entries,
    artifacts,
    packages: [...bundledPackages(broker, state), ...tracingPackages(config)],
    images: everyImage.map((c) => ({ image: c.image, context: c.name })),
    nextSteps: [`docker-compose -f {out}/docker-compose.yaml up --build   # the gateway serves on port ${config.http.port}`, `kubectl apply -f {out}/k8s/   # after pushing the images ${image('*')}`],
  }
}

export const containersTarget: Target = {
  name: 'containers',
  description: TARGET_DESCRIPTIONS.containers,
  check: (model, config) => [...checkGroups(model, config), ...checkContainerNames(model, config)],
  plan: planContainers,
}
