import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { analyze } from './analyze.ts'

/** Writes the files into a fresh folder and analyzes its src/, as `purista build` would. For tests. */
export function analyzeProject(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'purista-analyze-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return analyze({ projectRoot: root, srcDir: join(root, 'src'), name: 'test' })
}
