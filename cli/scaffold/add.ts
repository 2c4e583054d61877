import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { HttpMethod } from '../../runtime/builders/types.ts'
import { checkCamelCase, checkEventName, checkVersion, ScaffoldError, serviceIdentifiers } from './names.ts'
import { register, manualLines, type DefinitionKind } from './register.ts'
import { listServices, pickService, servicesDir, type FoundService } from './services.ts'
import { commandFile, commandPath, commandTestFile, describeName, serviceBuilderFile, serviceFile, subscriptionFile, subscriptionPath, subscriptionTestFile, type CommandSpec } from './templates/service.ts'
import { writeFiles, type PlannedFile } from './write-files.ts'

export interface AddResult {
  /** Paths relative to the project root. */
  written: string[]
  changed: string[]
  /** When the service file's shape was not recognized: the lines to add to it by hand. */
  manual?: { file: string; reason: string; lines: string[] }
}

interface Project {
  projectRoot: string
  srcDir: string
}

export interface AddServiceOptions {
  name: string
  serviceVersion?: string
  description?: string
  force: boolean
}

export function addService(project: Project, options: AddServiceOptions): AddResult {
  const ids = serviceIdentifiers(checkCamelCase(options.name, 'service name'), checkVersion(options.serviceVersion ?? '1'))
  const dir = join(servicesDir(project.srcDir), ids.folder, `v${ids.version}`)
  const files = [
    { path: ids.builderFile, contents: serviceBuilderFile(ids, options.description ?? `the ${ids.folder} service`) },
    { path: ids.serviceFile, contents: serviceFile(ids) },
  ]
  return { written: writeInto(project, dir, files, options.force), changed: [] }
}

interface DefinitionOptions {
  name: string
  /** Default: the project's only service. */
  service?: string
  serviceVersion?: string
  description?: string
  force: boolean
}

export interface AddCommandOptions extends DefinitionOptions {
  /** METHOD:path, as in POST:invoices or GET:invoices/:invoiceId */
  http?: string
  successEvent?: string
}

export function addCommand(project: Project, options: AddCommandOptions): AddResult {
  const service = findService(project, options)
  const name = checkCamelCase(options.name, 'command name')
  const spec: CommandSpec = { name, description: options.description ?? describeName(name), http: options.http === undefined ? undefined : parseHttp(options.http), successEvent: options.successEvent && checkEventName(options.successEvent) }
  const files = [
    { path: `${commandPath(name)}.ts`, contents: commandFile(service.ids, spec) },
    { path: `${commandPath(name)}.test.ts`, contents: commandTestFile(service.ids, spec) },
  ]
  return addDefinition(project, service, 'command', name, files, options.force)
}

export interface AddSubscriptionOptions extends DefinitionOptions {
  event: string
}

export function addSubscription(project: Project, options: AddSubscriptionOptions): AddResult {
  const service = findService(project, options)
  const name = checkCamelCase(options.name, 'subscription name')
  const spec = { name, description: options.description ?? describeName(name), event: checkEventName(options.event) }
  const files = [
    { path: `${subscriptionPath(name)}.ts`, contents: subscriptionFile(service.ids, spec) },
    { path: `${subscriptionPath(name)}.test.ts`, contents: subscriptionTestFile(service.ids, spec) },
  ]
  return addDefinition(project, service, 'subscription', name, files, options.force)
}

function findService(project: Project, options: DefinitionOptions): FoundService {
  return pickService(listServices(project.srcDir), options.service, options.serviceVersion && checkVersion(options.serviceVersion))
}

/** Writes the definition's files, then adds it to the service file, or says how to. */
function addDefinition(project: Project, service: FoundService, kind: DefinitionKind, name: string, files: PlannedFile[], force: boolean): AddResult {
  const written = writeInto(project, service.dir, files, force)
  const file = join(service.dir, service.ids.serviceFile)
  const shown = relative(project.projectRoot, file)
  const registration = { kind, exportName: name, importPath: `./${kind === 'command' ? commandPath(name) : subscriptionPath(name)}.js` }
  if (!service.hasServiceFile) return { written, changed: [], manual: { file: shown, reason: 'does not exist', lines: manualLines(registration) } }
  const result = register(readFileSync(file, 'utf8'), registration)
  if (result.status === 'unrecognized') return { written, changed: [], manual: { file: shown, reason: 'has no .addCommandDefinition(…) or .addSubscriptionDefinition(…) call purista can edit', lines: manualLines(registration) } }
  if (result.status === 'registered') writeFileSync(file, result.text)
  return { written, changed: result.status === 'registered' ? [shown] : [] }
}

function writeInto(project: Project, dir: string, files: PlannedFile[], force: boolean): string[] {
  const base = relative(project.projectRoot, dir)
  return writeFiles(project.projectRoot, files.map((f) => ({ ...f, path: join(base, f.path) })), force)
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

export function parseHttp(value: string): { method: HttpMethod; path: string } {
  const colon = value.indexOf(':')
  const method = value.slice(0, colon).toUpperCase() as HttpMethod
  const path = value.slice(colon + 1).replace(/^\/+|\/+$/g, '')
  if (colon < 0 || !METHODS.includes(method) || !path) {
    throw new ScaffoldError(`--http takes METHOD:path, with METHOD one of ${METHODS.join(', ')}, e.g. POST:invoices or GET:invoices/:invoiceId; got "${value}"`)
  }
  // The route is /api/v<service version>/<path>: a path that repeats the prefix would be served twice over it.
  const prefixed = /^api\/v[^/]+(?:\/|$)/.exec(path)
  if (prefixed) {
    const rest = path.slice(prefixed[0].length)
    throw new ScaffoldError(`--http's path goes below /api/v<version>/, which purista adds from the service's version: ${rest ? `give "${method}:${rest}"` : 'give the path after it'}, not "${value}"`)
  }
  return { method, path }
}

/** Where the project's services are, from purista.config.ts. */
export async function loadProject(configPath: string): Promise<Project> {
  const [{ loadConfig }, { formatDiagnostics }] = await Promise.all([import('../../compiler/config/load-config.ts'), import('../format.ts')])
  const { config, diagnostics } = loadConfig(configPath)
  if (!config) throw new ScaffoldError(`${formatDiagnostics(diagnostics)}\n(purista add finds the services through src in purista.config.ts; run it in the project folder or pass --config)`)
  return config
}
