// `npm run build`: the package as it is published. tsc writes lib/ (JavaScript and .d.ts, the tree
// of the sources); the .mjs files that purista reads or runs as they are (the CDK app it ships, the
// local Lambda host and its hooks) are copied beside them.
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const lib = join(root, 'lib')
const ASSET_DIRS = ['targets/lambda/cdk', 'targets/lambda/local']

rmSync(lib, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
for (const dir of ASSET_DIRS) {
  for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.mjs'))) cpSync(join(root, dir, file), join(lib, dir, file))
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
