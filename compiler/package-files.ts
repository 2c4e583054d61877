import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * purista runs from its TypeScript sources in this repository (tests, tsx) and from the JavaScript
 * that `npm run build` writes to lib/ in the published package. Code that names one of purista's
 * own files (the runtime a bundle ships with, the CDK app, the local Lambda host) asks here, so it
 * finds the right file either way.
 */
const BUILT = import.meta.url.endsWith('.js')

/** The folder that holds runtime/, compiler/, targets/ and cli/: the repository, or lib/ in the package. */
export const SOURCE_ROOT = fileURLToPath(new URL('../', import.meta.url))

/** The folder with purista's package.json. */
export const PACKAGE_ROOT = BUILT ? join(SOURCE_ROOT, '..') : SOURCE_ROOT

const OWN_DIRS = ['runtime', 'targets', 'compiler', 'cli'].map((dir) => join(SOURCE_ROOT, dir) + sep)

/** Whether an absolute path is one of purista's own modules, not the user's (this repository's fixtures live beside them). */
export const isPuristaFile = (file: string) => OWN_DIRS.some((dir) => file.startsWith(dir))

/** One of purista's modules by its source path ('runtime/index.ts'): its .js twin in the built package. */
export const sourceFile = (path: string) => join(SOURCE_ROOT, BUILT ? path.replace(/\.ts$/, '.js') : path)
