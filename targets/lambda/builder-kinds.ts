import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Metafile } from 'esbuild'
import { isPuristaFile } from '../../compiler/package-files.ts'
import { isGeneratedInput } from '../../compiler/bundle/generated-inputs.ts'
import { loadedOutputs } from '../../compiler/bundle/loaded-outputs.ts'
import type { FunctionKind } from './entry.ts'

const GETTERS: [FunctionKind, RegExp][] = [
  ['command', /\bgetCommandBuilder\b/],
  ['subscription', /\bgetSubscriptionBuilder\b/],
]
const VIRTUAL = 'purista-entry:'
// purista's own code names both getters; it is not what asks for them (isPuristaFile).

/**
 * Which definition builders each entry's code asks for, read from what esbuild bundled for it: the
 * entry and every chunk it loads, so every module the code reaches is searched, the user's and their
 * dependencies alike. Keyed by the entry's out path.
 */
export function builderKindsAskedFor(metafile: Metafile, workingDir: string): Map<string, Set<FunctionKind>> {
  // Per input, once: a shared chunk's inputs are loaded by many entries.
  const kindsByInput = new Map<string, FunctionKind[]>()
  const kindsOfInput = (input: string): FunctionKind[] => {
    let kinds = kindsByInput.get(input)
    if (!kinds) {
      const file = resolve(workingDir, input)
      const text = isGeneratedInput(input) || isPuristaFile(file) ? '' : readFileSync(file, 'utf8')
      kinds = GETTERS.filter(([, getter]) => getter.test(text)).map(([kind]) => kind)
      kindsByInput.set(input, kinds)
    }
    return kinds
  }
  const result = new Map<string, Set<FunctionKind>>()
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint?.startsWith(VIRTUAL)) continue
    const kinds = new Set<FunctionKind>()
    for (const loaded of loadedOutputs(metafile, path)) for (const input of Object.keys(metafile.outputs[loaded]!.inputs)) for (const kind of kindsOfInput(input)) kinds.add(kind)
    result.set(output.entryPoint.slice(VIRTUAL.length), kinds)
  }
  return result
}

