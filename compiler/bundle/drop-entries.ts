import { existsSync, readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { Metafile } from 'esbuild'
import { CHUNK_DIR } from './local-chunks.ts'
import { loadedOutputs } from './loaded-outputs.ts'

const VIRTUAL = 'purista-entry:'

/**
 * Takes out of a written build (bundle.ts, with its metafile) what some of its entries, by out path,
 * own: the entry's script and source map, and the chunk links beside it (local-chunks.ts) that no
 * other entry of its folder loads. A later pass writes those entries again; the others stay as built.
 */
export function dropEntries(metafile: Metafile, workingDir: string, outs: Set<string>): void {
  const scripts = Object.entries(metafile.outputs).filter(([, output]) => output.entryPoint?.startsWith(VIRTUAL))
  const dropped = new Set(scripts.filter(([, output]) => outs.has(output.entryPoint!.slice(VIRTUAL.length))).map(([path]) => path))
  const folderOf = (path: string) => dirname(resolve(workingDir, path))
  // Per folder of a dropped entry, the chunks its other entries load, by file name (their links are named so).
  const kept = new Map([...dropped].map((path) => [folderOf(path), new Set<string>()]))
  for (const [path] of scripts) {
    if (dropped.has(path)) continue
    const chunks = kept.get(folderOf(path))
    if (chunks) for (const loaded of loadedOutputs(metafile, path)) chunks.add(basename(loaded))
  }
  for (const path of dropped) for (const file of [path, `${path}.map`]) rmSync(resolve(workingDir, file), { force: true })
  for (const [folder, chunks] of kept) {
    const dir = join(folder, CHUNK_DIR)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) if (!chunks.has(name.replace(/\.map$/, ''))) rmSync(join(dir, name))
  }
}
