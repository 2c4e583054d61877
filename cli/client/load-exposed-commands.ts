import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundle } from '../../compiler/bundle/bundle.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { sourceFile } from '../../compiler/package-files.ts'
import type { ExposedCommand } from './describe-routes.ts'

const quote = (text: string) => JSON.stringify(text)

/**
 * The exposed commands with their schemas as JSON Schema.
 *
 * The analyzer reads sources without running them, so it knows names and routes but not what a
 * zod schema accepts. Only the schema itself can say that (z.toJSONSchema, through Standard JSON
 * Schema), so this loads the user's modules: the services are bundled the way `purista build`
 * bundles them and imported by a child node process, which starts nothing (no bridge, no server)
 * and keeps whatever the modules do at import time out of the CLI's own process.
 */
export async function loadExposedCommands(model: AppModel, projectRoot: string): Promise<ExposedCommand[]> {
  const workDir = mkdtempSync(join(tmpdir(), 'purista-client-'))
  try {
    await bundle({ entries: [{ out: 'describe', contents: describeEntry(model, projectRoot) }], outDir: workDir, resolveDir: projectRoot, minify: false })
    const outFile = join(workDir, 'exposed-commands.json')
    await runNode(join(workDir, 'describe.mjs'), outFile, projectRoot)
    return JSON.parse(readFileSync(outFile, 'utf8')) as ExposedCommand[]
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

/** The entry the child runs: every service of the model, described into the file named by its argument. */
function describeEntry(model: AppModel, projectRoot: string): string {
  return [
    `import { writeFileSync } from 'node:fs'`,
    `import { describeRoutes } from ${quote(sourceFile('cli/client/describe-routes.ts'))}`,
    ...model.services.map((s, i) => `import { ${s.entry.export} as service${i} } from ${quote(join(projectRoot, s.entry.file))}`),
    `writeFileSync(process.argv[2], JSON.stringify(describeRoutes([${model.services.map((_, i) => `service${i}`).join(', ')}])))`,
  ].join('\n')
}

function runNode(file: string, argument: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [file, argument], { cwd, timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`loading the services to read their schemas failed:\n${stderr || error.message}`)) : resolve(),
    ),
  )
}
