import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ScaffoldError, serviceIdentifiers, type ServiceIdentifiers } from './names.ts'

/** A service found in the PURISTA layout: <src>/service/<folder>/v<version>/. */
export interface FoundService {
  /** Its files and builder export, as the project really names them. */
  ids: ServiceIdentifiers
  /** The version folder, absolute. */
  dir: string
  /** Whether ids.serviceFile exists: the file that adds the definitions to the service. */
  hasServiceFile: boolean
}

const subfolders = (dir: string) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [])

export const servicesDir = (srcDir: string) => join(srcDir, 'service')

export function listServices(srcDir: string): FoundService[] {
  const found: FoundService[] = []
  for (const folder of subfolders(servicesDir(srcDir)).sort()) {
    for (const versionFolder of subfolders(join(servicesDir(srcDir), folder))) {
      const version = /^v([1-9][0-9]*)$/.exec(versionFolder)?.[1]
      const service = version && readService(join(servicesDir(srcDir), folder, versionFolder), serviceIdentifiers(folder, version))
      if (service) found.push(service)
    }
  }
  return found
}

/**
 * The builder and service files by the PURISTA names, or else the files that hold
 * `export const … = new ServiceBuilder(` and `.addCommandDefinition(`: projects name them their way.
 */
function readService(dir: string, expected: ServiceIdentifiers): FoundService | undefined {
  const sources = readdirSync(dir).filter((f) => /\.ts$/.test(f) && !/\.(test|spec|d)\.ts$/.test(f))
  const text = (file: string) => readFileSync(join(dir, file), 'utf8')
  const builderOf = (file: string) => /export const (\w+)\s*=\s*new ServiceBuilder\b/.exec(text(file))?.[1]
  const firstOf = (candidates: string[], test: (file: string) => unknown) => candidates.find((f) => sources.includes(f) && test(f))
  const builderFile = firstOf([expected.builderFile, ...sources], builderOf)
  if (!builderFile) return undefined
  const serviceFile = firstOf([expected.serviceFile, ...sources], (f) => /\.add(Command|Subscription)Definition\(/.test(text(f))) ?? expected.serviceFile
  return { ids: { ...expected, builderFile, builderExport: builderOf(builderFile)!, serviceFile }, dir, hasServiceFile: sources.includes(serviceFile) }
}

/** The service a definition goes into: the one named, or the only one there is. */
export function pickService(services: FoundService[], folder?: string, version?: string): FoundService {
  const describe = (list: FoundService[]) => list.map((s) => `${s.ids.folder} (v${s.ids.version})`).join(', ')
  if (!services.length) throw new ScaffoldError('the project has no service yet: create one with `purista add service <name>`')
  // Ignoring case: `purista inspect` prints the service's name (Greeting), its folder is greeting.
  const named = folder === undefined ? services : services.filter((s) => s.ids.folder.toLowerCase() === folder.toLowerCase())
  if (!named.length) throw new ScaffoldError(`no service "${folder}"; the project has: ${describe(services)}`)
  const versioned = version === undefined ? named : named.filter((s) => s.ids.version === version)
  if (!versioned.length) throw new ScaffoldError(`service ${folder} has no version ${version}; it has: ${describe(named)}`)
  if (versioned.length > 1) {
    const missing = folder === undefined ? '--service <name>' : '--service-version <n>'
    throw new ScaffoldError(`which service? pass ${missing}; the project has: ${describe(versioned)}`)
  }
  return versioned[0]!
}
