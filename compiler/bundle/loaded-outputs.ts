import type { Metafile } from 'esbuild'

/**
 * An output of a build and every output it imports, statically or dynamically, transitively: what a
 * runtime loads for it. Paths are the metafile's keys (relative to the build's working directory).
 */
export function loadedOutputs(metafile: Metafile, output: string, seen = new Set<string>()): Set<string> {
  seen.add(output)
  for (const imported of metafile.outputs[output]?.imports ?? []) {
    if (!imported.external && !seen.has(imported.path)) loadedOutputs(metafile, imported.path, seen)
  }
  return seen
}
