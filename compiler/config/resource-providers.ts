import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import type { Diagnostic } from '../diagnostics.ts'
import type { AppModel, ServiceModel } from '../model/app-model.ts'
import { ModuleGraph } from '../analyze/modules.ts'

/** The function a generated entry imports and calls once to make a resource. */
export interface ResourceProvider {
  /** Absolute path of the module. */
  file: string
  export: string
}

/** purista.config.ts's `'./src/resources/db.ts#createDb'`, resolved against the project root. */
export function resourceProvider(projectRoot: string, text: string): ResourceProvider {
  const mark = text.lastIndexOf('#')
  return { file: resolve(projectRoot, text.slice(0, mark)), export: text.slice(mark + 1) }
}

/** The providers of the resources these services declare: what one entry makes, and no more. */
export function providersFor(services: readonly ServiceModel[], providers: Record<string, ResourceProvider>): Record<string, ResourceProvider> {
  const names = [...new Set(services.flatMap((s) => s.resources))].sort()
  return Object.fromEntries(names.flatMap((name) => (providers[name] ? [[name, providers[name]]] : [])))
}

/**
 * Every declared resource needs a provider whose module exports it; read, never run. A provider
 * no service declares is harmless and left alone.
 */
export function checkResourceProviders(model: AppModel, config: { projectRoot: string; resources: Record<string, ResourceProvider> }): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const service of model.services) {
    for (const name of service.resources) {
      if (config.resources[name]) continue
      diagnostics.push({
        severity: 'error',
        code: 'missing-resource',
        message: `${service.serviceName} v${service.serviceVersion} declares the resource "${name}", and purista.config.ts names no provider for it`,
        file: service.builder.file,
        line: service.builder.line,
        column: service.builder.column,
        hint: `add resources: { ${name}: './src/resources/${name}.ts#create${name[0]!.toUpperCase()}${name.slice(1)}' } to purista.config.ts: a module export the app calls once at start`,
      })
    }
  }
  const graph = new ModuleGraph(config.projectRoot, diagnostics)
  for (const [name, provider] of Object.entries(config.resources)) {
    const file = relative(config.projectRoot, provider.file)
    const at = { file: 'purista.config.ts', line: 1, column: 1 }
    const module = existsSync(provider.file) ? graph.load(provider.file) : undefined
    if (!module) diagnostics.push({ severity: 'error', code: 'invalid-config', message: `resources.${name}: no module at ${file}`, ...at, hint: 'the path is relative to purista.config.ts, e.g. ./src/resources/db.ts#createDb' })
    else if (graph.resolveExport(module, provider.export).kind === 'unresolved') {
      diagnostics.push({ severity: 'error', code: 'not-exported', message: `${file} does not export "${provider.export}", the provider of resource "${name}"`, file, line: 1, column: 1, hint: `export it: export async function ${provider.export}() { … }` })
    }
  }
  return diagnostics
}
