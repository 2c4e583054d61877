import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from '../bundle/bundle.ts'
import { isPuristaFile } from '../package-files.ts'
import type { AppModel } from '../model/app-model.ts'

const quote = (text: string) => JSON.stringify(text)

/** A function of the services' builders, run in the child: `export` of the module at `file`. */
export interface Describer {
  file: string
  export: string
}

/**
 * What `describer(services, argument)` returns, run where the user's services are loaded.
 *
 * The analyzer reads sources without running them, so it knows names and routes but not what a
 * zod schema accepts. Only the schema itself can say that (z.toJSONSchema, through Standard JSON
 * Schema), so this loads the user's modules: the services are bundled the way `purista build`
 * bundles them and imported by a child node process, which starts nothing (no bridge, no server)
 * and keeps whatever the modules do at import time out of the CLI's own process.
 */
export async function describeInChild<T>(model: AppModel, projectRoot: string, describer: Describer, argument: unknown): Promise<T> {
  const workDir = mkdtempSync(join(tmpdir(), 'purista-describe-'))
  try {
    await bundle({ entries: [{ out: 'describe', contents: describeEntry(model, projectRoot, describer) }], outDir: workDir, resolveDir: projectRoot, minify: false })
    const outFile = join(workDir, 'description.json')
    await runNode(join(workDir, 'describe.mjs'), [outFile, JSON.stringify(argument ?? null)], projectRoot)
    return JSON.parse(readFileSync(outFile, 'utf8')) as T
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

/** The entry the child runs: every service of the model, described into the file named by its first argument. */
function describeEntry(model: AppModel, projectRoot: string, describer: Describer): string {
  return [
    `import { writeFileSync } from 'node:fs'`,
    `import { ${describer.export} as describe } from ${quote(describer.file)}`,
    ...model.services.map((s, i) => `import { ${s.entry.export} as service${i} } from ${quote(join(projectRoot, s.entry.file))}`),
    `writeFileSync(process.argv[2], JSON.stringify(describe([${model.services.map((_, i) => `service${i}`).join(', ')}], JSON.parse(process.argv[3]))))`,
  ].join('\n')
}

/** The user's modules threw while they were loaded; `at` is the first place in the project's own files the stack names. */
export class ModuleLoadError extends Error {
  constructor(
    message: string,
    readonly at?: { file: string; line: number; column: number },
  ) {
    super(message)
  }
}

function runNode(file: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    // Source maps on: the stack then names the user's files and lines, not the bundle's.
    execFile(process.execPath, ['--enable-source-maps', file, ...args], { cwd, timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new ModuleLoadError(`loading the services to read their schemas failed:\n${(stderr || error.message).replace(/\s*Node\.js v[\d.]+\s*$/, '')}`, firstProjectFrame(stderr, cwd))) : resolve(),
    ),
  )
}

/** The first stack frame in a file of the project (not a dependency's, not purista's), relative to it. */
export function firstProjectFrame(stack: string, projectRoot: string): ModuleLoadError['at'] {
  for (const [, url, path, line, column] of stack.matchAll(/(file:\/\/)?(\/[^\s():]+):(\d+):(\d+)/g)) {
    const file = url ? fileURLToPath(url + path) : path!
    if (!file.startsWith(projectRoot + sep) || file.includes(`${sep}node_modules${sep}`) || isPuristaFile(file)) continue
    return { file: relative(projectRoot, file), line: Number(line), column: Number(column) }
  }
  return undefined
}
