import type { Metafile } from 'esbuild'
import { zodUsesOfEntries } from '../../compiler/zod-lite/entry-uses.ts'
import { builderKindsAskedFor } from '../lambda/builder-kinds.ts'
import type { FunctionKind } from '../lambda/entry.ts'
import type { Plan, Revision } from '../types.ts'

type Entries = Pick<Plan, 'entries' | 'modules'>

/**
 * What a target of one bundle per function bundles again after its first pass (Plan.revise), from
 * what that pass reached: a function whose code asks for the other definition builder too, made
 * anew with both, and, where zod-lite is on, a function whose code uses more of zod than zod-lite
 * has, with zod's classic build. The first pass gave every function zod-lite where the code it
 * reaches allows it; the builders a function asks for are the same either way (zod-lite is not
 * user code). Undefined when every function stays as the first pass made it.
 */
export function secondPass<Spec extends { builderKinds: FunctionKind[] }>(
  firstGuess: readonly Spec[],
  metafile: Metafile,
  options: { projectRoot: string; zodLite: boolean; outOf: (spec: Spec) => string; entriesOf: (specs: Spec[]) => Entries },
): Revision | undefined {
  const asked = builderKindsAskedFor(metafile, options.projectRoot)
  const zodUses = options.zodLite ? zodUsesOfEntries(metafile, options.projectRoot) : undefined
  const needsZod = (spec: Spec) => zodUses !== undefined && zodUses.get(options.outOf(spec))?.length !== 0
  const again = firstGuess
    .map((spec) => ({ ...spec, builderKinds: [...new Set([...spec.builderKinds, ...(asked.get(options.outOf(spec)) ?? [])])] }))
    .filter((spec, i) => needsZod(spec) || spec.builderKinds.length !== firstGuess[i]!.builderKinds.length)
  if (!again.length) return undefined
  const lite = again.filter((spec) => options.zodLite && !needsZod(spec))
  return { ...options.entriesOf(again.filter((spec) => !options.zodLite || needsZod(spec))), zodLite: lite.length ? options.entriesOf(lite) : undefined }
}
