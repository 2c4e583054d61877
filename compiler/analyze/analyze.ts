import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { sortDiagnostics, type Diagnostic } from '../diagnostics.ts'
import { APP_MODEL_VERSION, type AppModel, type CommandModel, type ServiceModel, type SourceRef, type SubscriptionModel } from '../model/app-model.ts'
import { ChainReader, type CommandFacts, type ServiceFacts, type Site, type SubscriptionFacts } from './chains.ts'
import { runChecks } from './checks.ts'
import { commonJsExport } from './commonjs.ts'
import { reportDynamicDefinitions } from './dynamic-definitions.ts'
import { collectEvents } from './events.ts'
import { ModuleGraph, type Declaration } from './modules.ts'

export interface AnalyzeOptions {
  /** Paths in the model and diagnostics are relative to this folder. */
  projectRoot: string
  /** The folder holding the services' sources. */
  srcDir: string
  name: string
  /** purista.config.ts http.authGuard: the module (absolute path) and export every protected route passes. */
  authGuard?: { file: string; export: string }
}

export interface AnalyzeResult {
  model: AppModel
  diagnostics: Diagnostic[]
  /** Every file that was read: what a watch or cache would key on. */
  files: string[]
}

const SOURCE_FILE = /\.(m|c)?tsx?$/
const SKIPPED_FILE = /\.(test|spec)\.(m|c)?tsx?$|\.d\.(m|c)?ts$/
const SKIPPED_DIR = new Set(['node_modules', 'dist', '__tests__', '.git'])

export function listSourceFiles(dir: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!SKIPPED_DIR.has(entry.name)) files.push(...listSourceFiles(path))
    } else if (SOURCE_FILE.test(entry.name) && !SKIPPED_FILE.test(entry.name)) {
      files.push(path)
    }
  }
  return files.sort()
}

/** Reads the sources, never runs them, and returns the AppModel with every problem found. */
export function analyze(options: AnalyzeOptions): AnalyzeResult {
  const diagnostics: Diagnostic[] = []
  const graph = new ModuleGraph(options.projectRoot, diagnostics)
  const reader = new ChainReader(graph, diagnostics)
  const files = listSourceFiles(options.srcDir)
  for (const file of files) {
    const module = graph.load(file)
    if (!module) continue
    for (const declaration of module.declarations.values()) reader.classifyDeclaration(declaration)
  }

  const authGuard = options.authGuard ? findAuthGuard(options.authGuard, graph, diagnostics) : null
  const used = new Set<CommandFacts | SubscriptionFacts>()
  const services = reader.services.flatMap((service) => toServiceModel(service, reader, graph, used, !!authGuard) ?? [])
  services.sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.serviceVersion.localeCompare(b.serviceVersion))
  const model: AppModel = { modelVersion: APP_MODEL_VERSION, name: options.name, services, events: collectEvents(services), authGuard }

  reportUnused(reader, used)
  for (const file of files) reportUnreadModule(graph.load(file), reader)
  if (services.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({
      severity: 'error',
      code: 'no-services',
      message: `no service found in ${graph.relative(options.srcDir) || '.'}`,
      file: graph.relative(options.srcDir) || '.',
      line: 1,
      column: 1,
      hint: "create one with new ServiceBuilder({ serviceName, serviceVersion, serviceDescription }) imported from 'purista', or point `src` in purista.config.ts at your services",
    })
  }
  runChecks(reader, used, model)
  // What could not be parsed was read as nothing, so what the analysis says of the rest (a command
  // not found, an event nobody emits) may follow from that alone: the syntax errors come first, alone.
  const syntaxErrors = diagnostics.filter((d) => d.code === 'syntax-error')
  return { model, diagnostics: sortDiagnostics(syntaxErrors.length ? syntaxErrors : diagnostics), files: files.map((f) => graph.relative(f)) }
}

/** What the chains could not see in a module: a CommonJS service, or definitions made in functions and loops. */
function reportUnreadModule(module: ReturnType<ModuleGraph['load']>, reader: ChainReader) {
  if (!module) return
  const commonJs = commonJsExport(module.source)
  if (!commonJs) return reportDynamicDefinitions(reader, module)
  reader.report('commonjs-module', { module, node: commonJs }, `${module.source.relative} exports with CommonJS (module.exports / exports.x): purista reads ES module exports only, so its services and definitions would be missing from the build`, "write it as an ES module: import { … } from 'purista' and export const myService = …")
}

/** The auth guard purista.config.ts names, once its module is seen to export it (read, never run). */
function findAuthGuard(guard: { file: string; export: string }, graph: ModuleGraph, diagnostics: Diagnostic[]): AppModel['authGuard'] {
  const file = graph.relative(guard.file)
  const module = graph.load(guard.file)
  if (!module) {
    diagnostics.push({ severity: 'error', code: 'invalid-config', message: `http.authGuard: no module at ${file}`, file: 'purista.config.ts', line: 1, column: 1, hint: 'http.authGuard.file is relative to purista.config.ts, e.g. { file: "src/auth.ts" }' })
    return null
  }
  if (graph.resolveExport(module, guard.export).kind === 'unresolved') {
    diagnostics.push({ severity: 'error', code: 'not-exported', message: `${file} does not export "${guard.export}", the auth guard purista.config.ts names`, file, line: 1, column: 1, hint: `export it: export const ${guard.export}: HttpAuthGuard = async ({ headers }) => …, or set http.authGuard.export` })
    return null
  }
  return { file, export: guard.export }
}

function sourceRef(graph: ModuleGraph, site: Site, declaration?: Declaration): SourceRef {
  const at = declaration ?? { module: site.module, node: site.node }
  return {
    file: at.module.source.relative,
    export: declaration ? graph.exportedName(declaration.module, declaration.name) : null,
    ...at.module.source.position((declaration?.node.id ?? at.node).start),
  }
}

function toServiceModel(service: ServiceFacts, reader: ChainReader, graph: ModuleGraph, used: Set<CommandFacts | SubscriptionFacts>, guarded: boolean): ServiceModel | undefined {
  if (!service.serviceName || !service.serviceVersion) return undefined
  const [first, ...others] = service.definitionSites
  for (const other of others) {
    reader.report('split-service', { module: other.declaration.module, node: other.declaration.node }, `definitions of ${service.serviceName} v${service.serviceVersion} are added in two places (also ${first!.declaration.module.source.relative})`, 'add all definitions in one chain, e.g. builder.addCommandDefinition(...commands).addSubscriptionDefinition(...subscriptions)')
  }
  const entryDeclaration = first?.declaration ?? service.declaration
  const entry = entryDeclaration ? sourceRef(graph, service.site, entryDeclaration) : sourceRef(graph, service.site)
  if (entry.export === null) {
    reader.report('not-exported', entryDeclaration ? { module: entryDeclaration.module, node: entryDeclaration.node } : service.site, `the service ${service.serviceName} v${service.serviceVersion} is not exported, so no build can start it`, `export it: export const ${entryDeclaration?.name ?? 'myService'} = …`)
  }

  const commands: CommandModel[] = []
  const subscriptions: SubscriptionModel[] = []
  for (const add of first?.adds ?? []) {
    for (const facts of reader.resolveDefinitions(add.module, add.args, add.kind)) {
      if (facts.kind === 'command') addCommand(commands, facts, reader, graph, guarded)
      else subscriptions.push(toSubscriptionModel(facts, graph))
      used.add(facts)
    }
  }
  commands.sort((a, b) => a.name.localeCompare(b.name))
  subscriptions.sort((a, b) => a.name.localeCompare(b.name))
  return {
    serviceName: service.serviceName,
    serviceVersion: service.serviceVersion,
    description: service.description,
    builder: sourceRef(graph, service.site, service.declaration),
    entry,
    resources: [...new Set(service.resources.map((r) => r.name))].sort(),
    commands,
    subscriptions,
  }
}

function addCommand(commands: CommandModel[], facts: CommandFacts, reader: ChainReader, graph: ModuleGraph, guarded: boolean) {
  if (!facts.name) return
  if (commands.some((c) => c.name === facts.name)) {
    reader.report('duplicate-command', facts.site, `${facts.service.serviceName} v${facts.service.serviceVersion} has two commands named "${facts.name}"`, 'command names must be unique within a service version; rename one')
    return
  }
  const http = facts.http
  commands.push({
    name: facts.name,
    description: facts.description,
    source: sourceRef(graph, facts.site, facts.declaration),
    http: http
      ? { method: http.method as NonNullable<CommandModel['http']>['method'], path: `/api/v${facts.service.serviceVersion}/${http.path}`.replace(/\/+$/, ''), queryParameters: [...facts.queryParameters].sort((a, b) => a.name.localeCompare(b.name)), public: facts.isPublic, protected: guarded && !facts.isPublic }
      : null,
    successEvent: facts.successEvent ?? null,
    emits: [...new Set(facts.emits.map((e) => e.eventName))].sort(),
    invokes: sortTargets(facts.invokes),
    usesState: facts.stateMethods.length > 0,
    stateMethods: facts.stateMethods,
    secrets: facts.reads.secrets,
    configs: facts.reads.configs,
    hooks: facts.hooks,
  })
}

function toSubscriptionModel(facts: SubscriptionFacts, graph: ModuleGraph): SubscriptionModel {
  return {
    name: facts.name ?? '',
    description: facts.description,
    source: sourceRef(graph, facts.site, facts.declaration),
    event: facts.event?.name ?? '',
    eventServiceVersion: facts.eventServiceVersion ?? null,
    durable: facts.durable && !facts.everyInstance,
    everyInstance: facts.everyInstance,
    filter: facts.filter ?? null,
    autoacknowledge: facts.autoacknowledge,
    outputEvent: facts.outputEvent ?? null,
    emits: [...new Set(facts.emits.map((e) => e.eventName))].sort(),
    invokes: sortTargets(facts.invokes),
    usesState: facts.stateMethods.length > 0,
    stateMethods: facts.stateMethods,
    secrets: facts.reads.secrets,
    configs: facts.reads.configs,
    hooks: facts.hooks,
  }
}

function sortTargets(invokes: CommandFacts['invokes']) {
  const unique = new Map(invokes.map((i) => [`${i.serviceName}/${i.serviceVersion}/${i.command}`, { serviceName: i.serviceName, serviceVersion: i.serviceVersion, command: i.command }]))
  return [...unique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, target]) => target)
}

function reportUnused(reader: ChainReader, used: Set<CommandFacts | SubscriptionFacts>) {
  for (const facts of [...reader.commands, ...reader.subscriptions]) {
    if (used.has(facts) || !facts.name) continue
    const adder = facts.kind === 'command' ? 'addCommandDefinition' : 'addSubscriptionDefinition'
    reader.report('unused-definition', facts.site, `${facts.kind} "${facts.name}" is never added to ${facts.service.serviceName ?? 'its service'}, so it will not run`, `add ${facts.name}.getDefinition() to the service with .${adder}(…)`, 'warning')
  }
}
