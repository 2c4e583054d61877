import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ScaffoldError } from './names.ts'

/** A file to write, by its path relative to the folder it is written into. */
export interface PlannedFile {
  path: string
  contents: string
}

/**
 * Writes every file, or none: when one exists already and force is not set, nothing is written
 * and the error names each existing file.
 */
export function writeFiles(root: string, files: PlannedFile[], force: boolean): string[] {
  const existing = files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path)
  if (existing.length && !force) {
    throw new ScaffoldError(`${existing.join(', ')} ${existing.length === 1 ? 'exists' : 'exist'} already, so nothing was written; run again with --force to overwrite`)
  }
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true })
    writeFileSync(join(root, file.path), file.contents)
  }
  return files.map((f) => f.path)
}
