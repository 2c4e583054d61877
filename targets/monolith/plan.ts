import { join } from 'node:path'
import { PACKAGE_ROOT } from '../../compiler/bundle/bundle.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { AppOptions } from '../../runtime/app/start-app.ts'
import type { Plan, Target } from '../types.ts'
import { dockerfile } from './dockerfile.ts'

const RUNTIME_MAIN = join(PACKAGE_ROOT, 'targets/monolith/runtime/main.ts')

/** One bundle that imports every service and runs them all in one process. */
export function planMonolith(model: AppModel, config: ResolvedConfig): Plan {
  const imports = model.services.map((s, i) => `import { ${s.entry.export} as service${i} } from ${JSON.stringify(join(config.projectRoot, s.entry.file))}`)
  const options: AppOptions = {
    name: model.name,
    logLevel: config.logLevel,
    commandTimeoutMs: config.commandTimeoutMs,
    http: { port: config.http.port, bodyLimit: config.http.bodyLimit },
    stores: config.stores,
  }
  const contents = [
    `import { runMonolith } from ${JSON.stringify(RUNTIME_MAIN)}`,
    ...imports,
    `await runMonolith([${model.services.map((_, i) => `service${i}`).join(', ')}], ${JSON.stringify(options)})`,
  ].join('\n')
  return {
    entries: [{ out: 'index', contents }],
    artifacts: [{ path: 'Dockerfile', contents: dockerfile(config.http.port) }],
    nextSteps: [`node {out}/index.mjs   # serves on PORT (default ${config.http.port})`],
  }
}

export const monolithTarget: Target = {
  name: 'monolith',
  description: 'one process: every service on the in-memory bridge, one HTTP server',
  plan: planMonolith,
}
