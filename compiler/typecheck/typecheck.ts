import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import type { Diagnostic } from '../diagnostics.ts'

export type TypecheckResult =
  | { ran: true; diagnostics: Diagnostic[]; typescriptVersion: string; ms: number }
  | { ran: false; reason: string; diagnostics: [] }

/** Where tsc keeps what it learned, so the next check reads only what changed (node_modules/.cache is where tools keep such files). */
export const TSBUILDINFO = 'node_modules/.cache/purista/typecheck.tsbuildinfo'

/** `src/a.ts(3,7): error TS2345: …`, what tsc prints with --pretty false; continuation lines are indented. */
const TSC_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/
const TSC_GLOBAL = /^error (TS\d+): (.*)$/

/**
 * Type-checks the project with its own TypeScript, as `tsc --noEmit -p tsconfig.json` would, in
 * a child process (purista never loads the user's compiler into itself). Skipped, saying why,
 * when the project has no tsconfig.json or no typescript installed.
 */
export function typecheck(projectRoot: string): Promise<TypecheckResult> {
  const tsconfig = join(projectRoot, 'tsconfig.json')
  if (!existsSync(tsconfig)) return Promise.resolve({ ran: false, reason: 'no tsconfig.json', diagnostics: [] })
  let tsc: string
  let typescriptVersion: string
  try {
    const require = createRequire(join(projectRoot, 'package.json'))
    const manifest = require.resolve('typescript/package.json')
    typescriptVersion = (require(manifest) as { version: string }).version
    tsc = join(manifest, '..', 'bin', 'tsc')
  } catch {
    return Promise.resolve({ ran: false, reason: 'typescript is not installed in the project', diagnostics: [] })
  }
  const args = [tsc, '--noEmit', '-p', tsconfig, '--pretty', 'false', '--incremental', '--tsBuildInfoFile', join(projectRoot, TSBUILDINFO)]
  const started = performance.now()
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const diagnostics = parseTscOutput(stdout, projectRoot)
      // tsc failing without a diagnostic (a crash, a bad flag) is still a failed check, not a pass.
      if (error && diagnostics.length === 0) diagnostics.push(typeError('tsconfig.json', 1, 1, `tsc failed: ${(stderr || stdout || error.message).trim()}`))
      resolve({ ran: true, diagnostics, typescriptVersion, ms: performance.now() - started })
    })
  })
}

function parseTscOutput(output: string, projectRoot: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const line of output.split('\n')) {
    const located = TSC_LINE.exec(line)
    const global = located ? undefined : TSC_GLOBAL.exec(line)
    if (located) diagnostics.push(typeError(relative(projectRoot, resolve(projectRoot, located[1]!)).split('\\').join('/'), Number(located[2]), Number(located[3]), `${located[4]}: ${located[5]}`))
    else if (global) diagnostics.push(typeError('tsconfig.json', 1, 1, `${global[1]}: ${global[2]}`))
    else if (line.startsWith(' ') && diagnostics.length) diagnostics.at(-1)!.message += `\n    ${line.trim()}`
  }
  return diagnostics
}

const typeError = (file: string, line: number, column: number, message: string): Diagnostic => ({
  severity: 'error',
  code: 'type-error',
  message,
  file,
  line,
  column,
  hint: 'fix the type error (the build would run code its types say is wrong), or build with --no-typecheck',
})
