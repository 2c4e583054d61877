import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { checkCamelCase, ScaffoldError, serviceIdentifiers, toPackageName } from './names.ts'
import { npmInstall } from './npm-install.ts'
import { mergePackageJson } from './package-json.ts'
import { GREET, greetCommandFile, greetTestFile, LOG_GREETING, logGreetingFile, logGreetingTestFile } from './templates/example.ts'
import { gitignore, packageJson, puristaConfig, tsconfigJson, type PackageJson } from './templates/project.ts'
import { commandPath, serviceBuilderFile, serviceFile, subscriptionPath } from './templates/service.ts'
import { writeFiles, type PlannedFile } from './write-files.ts'

export const DEFAULT_SERVICE = 'greeting'

export interface InitOptions {
  dir: string
  /** The name of a new package.json (an existing one keeps its own); default: the folder's name. */
  name?: string
  /** The first service's folder name (camelCase); default: greeting. */
  service?: string
  install: boolean
  force: boolean
  puristaVersion: string
}

export interface InitResult {
  root: string
  name: string
  /** Relative to root, in the order written. */
  written: string[]
  /** Set when an existing package.json was merged: what was added or changed in it. */
  packageJsonChanges?: string[]
  installed: boolean
  serviceFolder: string
}

/** The name to offer when asking for one; undefined when package.json names the project already. */
export function suggestedName(dir: string): string | undefined {
  const packageFile = join(resolve(dir), 'package.json')
  if (existsSync(packageFile) && readPackageJson(packageFile).name) return undefined
  return toPackageName(basename(resolve(dir)))
}

export async function init(options: InitOptions): Promise<InitResult> {
  const root = resolve(options.dir)
  const packageFile = join(root, 'package.json')
  const theirs = existsSync(packageFile) ? readPackageJson(packageFile) : undefined
  // A package.json that exists keeps its name, and the app is named after it: one name, not two.
  const name = theirs?.name ?? options.name ?? toPackageName(basename(root))
  const folder = checkCamelCase(options.service ?? DEFAULT_SERVICE, 'service name')

  const wanted = packageJson(name, options.puristaVersion)
  const merge = theirs && mergePackageJson(theirs, wanted)
  mkdirSync(root, { recursive: true })
  const written = writeFiles(root, projectFiles(name, folder), options.force)
  writeFileSync(packageFile, JSON.stringify(merge ? merge.merged : wanted, null, 2) + '\n')
  written.unshift('package.json')

  if (options.install) await npmInstall(root)
  return { root, name, written, packageJsonChanges: merge?.changes, installed: options.install, serviceFolder: folder }
}

function readPackageJson(file: string): PackageJson {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PackageJson
  } catch {
    // reported below, with what to do
  }
  throw new ScaffoldError(`${file} is not a JSON object, so it cannot be merged; fix it or remove it and run purista init again`)
}

/** Everything but package.json, which is merged rather than written over. */
function projectFiles(name: string, folder: string): PlannedFile[] {
  const service = serviceIdentifiers(folder, '1')
  const dir = `src/service/${folder}/v1`
  const ref = (path: string, exportName: string) => ({ exportName, importPath: `./${path}.js` })
  return [
    { path: 'tsconfig.json', contents: tsconfigJson() },
    { path: 'purista.config.ts', contents: puristaConfig(name) },
    { path: '.gitignore', contents: gitignore() },
    { path: `${dir}/${service.builderFile}`, contents: serviceBuilderFile(service, `the ${folder} service`) },
    { path: `${dir}/${service.serviceFile}`, contents: serviceFile(service, [ref(commandPath(GREET.name), GREET.name)], [ref(subscriptionPath(LOG_GREETING.name), LOG_GREETING.name)]) },
    { path: `${dir}/${commandPath(GREET.name)}.ts`, contents: greetCommandFile(service) },
    { path: `${dir}/${commandPath(GREET.name)}.test.ts`, contents: greetTestFile(service) },
    { path: `${dir}/${subscriptionPath(LOG_GREETING.name)}.ts`, contents: logGreetingFile(service) },
    { path: `${dir}/${subscriptionPath(LOG_GREETING.name)}.test.ts`, contents: logGreetingTestFile(service) },
  ]
}
