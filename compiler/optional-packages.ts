import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PACKAGE_ROOT, SOURCE_ROOT } from './package-files.ts'

/*
 * What only one feature needs is an optional peer dependency of purista (package.json): a broker
 * client for the bridge a user picks, aws-cdk-lib and dynalite for the local Lambda run, dockerode
 * for --images. A user who reaches such a feature without the package gets the npm command to run.
 */

/**
 * The named packages that are not installed where purista's files look for them: a node_modules
 * folder beside purista or above it, i.e. in the user's project. Looked up on disk, as node and
 * esbuild resolve a bare import, so a package's exports map (ESM-only, CommonJS-only) does not matter.
 */
export function missingPackages(names: readonly string[]): string[] {
  return names.filter((name) => !isInstalled(name))
}

function isInstalled(name: string): boolean {
  for (let dir = SOURCE_ROOT; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true
    if (dirname(dir) === dir) return false
  }
}

let peerRanges: Record<string, string> | undefined

/** `npm install …` for the packages, at the versions purista was tested with. */
export function installCommand(names: readonly string[], options: { dev?: boolean } = {}): string {
  peerRanges ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).peerDependencies ?? {}
  return ['npm install', options.dev ? '--save-dev' : '', ...names.map((name) => (peerRanges![name] ? `${name}@${peerRanges![name]}` : name))].filter(Boolean).join(' ')
}

/** An error naming what is missing for a feature and how to install it; undefined when nothing is. */
export function missingPackagesError(feature: string, names: readonly string[], options: { dev?: boolean } = {}): Error | undefined {
  const missing = missingPackages(names)
  if (!missing.length) return undefined
  return new Error(`${feature} needs ${missing.map((name) => `"${name}"`).join(', ')}, not installed in this project: ${installCommand(missing, options)}`)
}
