import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PACKAGE_ROOT } from './package-files.ts'

/*
 * What only one feature needs is an optional peer dependency of purista (package.json): a broker
 * client for the bridge a user picks, aws-cdk-lib and dynalite for the local Lambda run, dockerode
 * for --images. A user who reaches such a feature without the package gets the npm command to run.
 */

/** The named packages that cannot be loaded from purista's folder, i.e. from the user's project. */
export function missingPackages(names: readonly string[]): string[] {
  return names.filter((name) => {
    try {
      import.meta.resolve(name)
      return false
    } catch {
      return true
    }
  })
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
