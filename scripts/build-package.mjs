// `npm run build`: the package as it is published. tsc writes lib/ (JavaScript and .d.ts, the tree
// of the sources); the files that purista reads or runs as they are (the CDK app it ships, the local
// Lambda and Azure hosts, their hooks and stand-in modules) are copied beside them.
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const lib = join(root, 'lib')
const SOURCE_DIRS = ['runtime', 'compiler', 'targets', 'cli']
// Runs the CLI from its TypeScript sources through tsx: for this repository only.
const NOT_SHIPPED = new Set(['cli/bin.mjs'])

rmSync(lib, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
for (const dir of SOURCE_DIRS) {
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name).slice(root.length)
    if (entry.isFile() && !entry.name.endsWith('.ts') && !NOT_SHIPPED.has(path)) cpSync(join(root, path), join(lib, path))
  }
}
// tsc rewrites `./x.ts` to `./x.js` in JavaScript but leaves declarations as written; a user's
// tsc resolves `./x.js` to x.d.ts under every moduleResolution, `./x.ts` under none.
const RELATIVE_TS = /((?:from |import\()['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g
for (const entry of readdirSync(lib, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue
  const file = join(entry.parentPath, entry.name)
  writeFileSync(file, readFileSync(file, 'utf8').replace(RELATIVE_TS, '$1.js$2'))
}
chmodSync(join(lib, 'cli/main.js'), 0o755)
