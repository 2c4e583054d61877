import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { analyzeOrExit } from './analyze-or-exit.ts'
import { configOption } from './options.ts'

export function registerClient(program: Command): void {
  program
    .command('client')
    .description('write a typed TypeScript client of the HTTP API: one method per exposed command, fetch only, no dependency')
    .addOption(configOption())
    .option('-o, --out <file>', 'write the client to a file (e.g. web/src/api-client.ts) instead of stdout')
    .addHelpText(
      'after',
      `
Unlike build, this loads your services' modules (bundled, in a child process that starts no
service) to read their schemas: their top-level code runs. The types are those of the
JSON Schema /api/openapi.json serves.

  const client = new PuristaClient({ baseUrl: 'https://api.example.com', headers: { authorization: 'Bearer …' } })
  const { userId } = await client.user.v1.registerNewUser({ email, name })
  await client.user.v1.getUser({ userId })   // a failure throws PuristaClientError: status, title, detail, data, issues, traceId

Options of PuristaClient: baseUrl (default http://localhost:3000), headers (an object, or a function
called per request), fetch (default the global one).`,
    )
    .action(async (options: { config: string; out?: string }) => {
      const { missingPackagesError } = await import('../../compiler/optional-packages.ts')
      const missing = missingPackagesError('purista client', ['json-schema-to-typescript'], { dev: true })
      if (missing) program.error(missing.message)
      const model = await analyzeOrExit(options.config)
      const { generateClient } = await import('../client/generate-client.ts')
      // Source paths in the model are relative to the folder of the config, as loadConfig reads it.
      const source = await generateClient(model, dirname(resolve(options.config)))
      if (!options.out) return void process.stdout.write(source)
      mkdirSync(dirname(resolve(options.out)), { recursive: true })
      writeFileSync(options.out, source)
    })
}
