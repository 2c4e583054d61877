import type { Metafile } from 'esbuild'
import { isGeneratedInput } from '../bundle/generated-inputs.ts'
import { loadedOutputs } from '../bundle/loaded-outputs.ts'
import { moduleZodUses } from './module-uses.ts'

const VIRTUAL = 'purista-entry:'

/**
 * For each entry of a build (by its out path), why its code needs zod itself: every module it reaches,
 * read from esbuild's metafile, is checked (module-uses.ts). An empty list: the entry can be bundled
 * with zod-lite. The generated modules are purista's and are not checked.
 */
export function zodUsesOfEntries(metafile: Metafile, workingDir: string): Map<string, string[]> {
  const usesOfModule = moduleZodUses(workingDir)
  // A compiled file's fallback holds none of its own: it is judged as that file is.
  const usesOf = (input: string): string[] => (isGeneratedInput(input) ? [] : usesOfModule(input))
  const result = new Map<string, string[]>()
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint?.startsWith(VIRTUAL)) continue
    const inputs = [...loadedOutputs(metafile, path)].flatMap((loaded) => Object.keys(metafile.outputs[loaded]!.inputs))
    result.set(output.entryPoint.slice(VIRTUAL.length), [...new Set(inputs.flatMap(usesOf))])
  }
  return result
}
