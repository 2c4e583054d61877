// Times analyze() on generated apps of growing size. Prints JSON: { sizes: [{ commands, files, ms: [...] }] }
import { join } from 'node:path'
import { analyze } from '../../compiler/analyze/analyze.ts'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { REPO } from '../lib.ts'
import { generateApp } from './generate.ts'

const sizes = []
for (const commands of [10, 100, 1000]) {
  const dir = join(REPO, 'bench/.work', `app-${commands}`)
  generateApp(dir, commands)
  const runs: number[] = []
  let files = 0
  for (let i = 0; i < 7; i++) {
    const started = performance.now()
    const { config } = loadConfig(join(dir, 'purista.config.ts'))
    const result = analyze(config!)
    runs.push(performance.now() - started)
    const found = result.model.services.reduce((n, s) => n + s.commands.length, 0)
    const errors = result.diagnostics.filter((d) => d.severity === 'error')
    if (found !== commands || errors.length) throw new Error(`expected ${commands} commands, found ${found}; ${errors.length} errors, first: ${JSON.stringify(errors[0])}`)
    files = result.files.length
  }
  sizes.push({ commands, files, ms: runs })
}
console.log(JSON.stringify({ sizes }))
