import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import type { Metafile } from 'esbuild'
import { loadedOutputs } from './loaded-outputs.ts'

export const CHUNK_DIR = 'chunks'

/**
 * Makes every entry of a code-split build self-contained again: the shared chunks an entry imports
 * (directly or through other chunks) are hard-linked into a chunks/ folder beside it, and its
 * imports are pointed there. esbuild then prints code shared by many entries (zod, the runtime)
 * once instead of once per entry, and each folder still deploys on its own.
 */
export function localizeChunks(outDir: string, metafile: Metafile, workingDir: string): void {
  const sharedDir = join(outDir, CHUNK_DIR)
  const isChunk = (file: string) => dirname(file) === sharedDir
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const file = resolve(workingDir, path)
    if (!output.entryPoint || isChunk(file) || !file.endsWith('.mjs')) continue
    const localDir = join(dirname(file), CHUNK_DIR)
    mkdirSync(localDir, { recursive: true })
    const chunks = [...loadedOutputs(metafile, path)].map((loaded) => resolve(workingDir, loaded)).filter(isChunk)
    for (const chunk of chunks) {
      for (const name of [chunk, `${chunk}.map`]) {
        const link = join(localDir, name.slice(sharedDir.length + 1))
        rmSync(link, { force: true })
        linkSync(name, link)
      }
    }
    // esbuild writes the shared folder's relative path into the entry's import statements.
    const shared = relative(dirname(file), sharedDir).split('\\').join('/')
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`"${shared}/`, `"./${CHUNK_DIR}/`))
  }
  rmSync(sharedDir, { recursive: true, force: true })
}
