import type { AppModel } from '../../compiler/model/app-model.ts'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import { providersFor } from '../../compiler/config/resource-providers.ts'
import { appOptions, BRIDGE_URL_VARIABLE, bundledPackages, entrySource } from '../shared/entry.ts'
import { tracedProcess, tracingPackages } from '../shared/tracing.ts'
import type { Plan, Target } from '../types.ts'
import { nodeDockerfile } from '../shared/dockerfile.ts'
import { TARGET_DESCRIPTIONS } from '../catalog.ts'

/** One bundle that imports every service and runs them all in one process. */
export function planMonolith(model: AppModel, config: ResolvedConfig): Plan {
  const { bridge, state } = config.targets.monolith
  const contents = entrySource({
    run: { file: 'targets/monolith/runtime/main.ts', name: 'runMonolith' },
    services: model.services,
    resources: providersFor(model.services, config.resources),
    projectRoot: config.projectRoot,
    bridge,
    state,
    // One app in one process: a broker between it and nothing else still keeps its names apart from other apps'.
    namespace: model.name,
    options: appOptions(model.name, config),
    authGuard: config.authGuard,
    tracing: tracedProcess(config, model.name),
  })
  return {
    entries: [{ out: 'index', contents }],
    packages: [...bundledPackages(bridge, state), ...tracingPackages(config)],
    artifacts: [{ path: 'Dockerfile', contents: nodeDockerfile({ generatedBy: 'purista build --target monolith', port: config.http.port }) }],
    nextSteps: [`node --enable-source-maps {out}/index.mjs   # serves on PORT (default ${config.http.port})${bridge === 'default' ? '' : `; the broker URL comes from ${BRIDGE_URL_VARIABLE[bridge]}`}`],
  }
}

export const monolithTarget: Target = {
  name: 'monolith',
  description: TARGET_DESCRIPTIONS.monolith,
  plan: planMonolith,
}
