import { readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import type { Metafile } from 'esbuild'
import { loadedOutputs } from '../bundle/loaded-outputs.ts'
import { SOURCE_ROOT } from '../package-files.ts'
import { zodUsesBeyondLite } from './zod-use.ts'

const VIRTUAL = 'purista-entry:'
// purista's own code hands schemas to zod's Standard Schema interface only; zod's files are what zod-lite replaces.
const SKIPPED_DIRS = [...['runtime', 'targets'].map((dir) => join(SOURCE_ROOT, dir) + sep), `${sep}node_modules${sep}zod${sep}`]
const NODE_MODULES = `${sep}node_modules${sep}`

/**
 * For each entry of a build (by its out path), why its code needs zod itself: every module it reaches,
 * read from esbuild's metafile, is checked (compiler/zod-lite/zod-use.ts). An empty list: the entry
 * can be bundled with zod-lite. A dependency from node_modules is checked only when it mentions zod:
 * one that does not cannot make a schema, and its own `.pipe` or `.extend` are not a schema's.
 */
export function zodUsesOfEntries(metafile: Metafile, workingDir: string): Map<string, string[]> {
  const usesByInput = new Map<string, string[]>()
  const usesOf = (input: string): string[] => {
    let uses = usesByInput.get(input)
    if (!uses) {
      const file = resolve(workingDir, input)
      const skipped = input.startsWith(VIRTUAL) || SKIPPED_DIRS.some((dir) => file.startsWith(dir) || file.includes(dir))
      const text = skipped ? '' : readFileSync(file, 'utf8')
      uses = text && (!file.includes(NODE_MODULES) || text.includes('zod')) ? zodUsesBeyondLite(input, text) : []
      usesByInput.set(input, uses)
    }
    return uses
  }
  const result = new Map<string, string[]>()
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint?.startsWith(VIRTUAL)) continue
    const inputs = [...loadedOutputs(metafile, path)].flatMap((loaded) => Object.keys(metafile.outputs[loaded]!.inputs))
    result.set(output.entryPoint.slice(VIRTUAL.length), [...new Set(inputs.flatMap(usesOf))])
  }
  return result
}
