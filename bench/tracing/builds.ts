import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import { REQUIRE_BANNER } from '../../compiler/bundle/require-banner.ts'
import { REPO } from '../lib.ts'
import { oldTree } from '../old-tree.ts'

const OUT = join(REPO, 'bench/.work/tracing')
/** The first commit of the tracing work (see `git log`): the code before it is what tracing off is compared with. */
const FIRST_TRACING_COMMIT = '5b3ba43'
/** The suite's drivers the old tree runs against its own runtime. */
const DRIVERS = ['bench/tracing/invoke-driver.ts', 'bench/tracing/invoke-plain.ts']

/** What each variant runs: the in-process driver's bundle and the monolith bundle of bench/http/app. */
export interface Variant {
  invoke: string
  monolith: string
}

export type VariantName = 'before' | 'off' | 'traced'

/** Builds every variant: the tree before tracing, the current code built without tracing and built with it. */
export async function buildVariants(log: (line: string) => void): Promise<{ variants: Record<VariantName, Variant>; beforeCommit: string }> {
  const before = oldTree(`${FIRST_TRACING_COMMIT}^`, 'before-tracing', DRIVERS)
  log(`tracing: building the in-process drivers and bench/http/app before tracing (${before.commit.slice(0, 7)}) and now`)
  // Bundled whole, as `purista build` bundles a service, the same way for every variant.
  const invoke = (root: string, file: string, out: string) =>
    esbuild.build({ entryPoints: [{ in: join(root, file), out }], outdir: join(OUT, 'invoke'), outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: { js: REQUIRE_BANNER }, logLevel: 'error' })
  await Promise.all([invoke(before.dir, 'bench/tracing/invoke-plain.ts', 'before'), invoke(REPO, 'bench/tracing/invoke-plain.ts', 'off'), invoke(REPO, 'bench/tracing/invoke-traced.ts', 'traced')])
  // Each tree's own CLI builds the same app sources (bench/http/app is unchanged since then).
  const monolith = (root: string, config: string, out: string, flags: string[] = []) =>
    execFileSync(process.execPath, [join(root, 'cli/bin.mjs'), 'build', '--target', 'monolith', '--config', config, '--out-dir', join(OUT, 'monolith', out), ...flags], { cwd: root, stdio: 'ignore' })
  monolith(before.dir, join(before.dir, 'bench/http/app/purista.config.ts'), 'before')
  monolith(REPO, join(REPO, 'bench/http/app/purista.config.ts'), 'off', ['--no-typecheck'])
  monolith(REPO, join(REPO, 'bench/tracing/app/purista.config.ts'), 'traced')
  const variant = (name: VariantName): Variant => ({ invoke: join(OUT, 'invoke', `${name}.mjs`), monolith: join(OUT, 'monolith', name, 'monolith/index.mjs') })
  return { variants: { before: variant('before'), off: variant('off'), traced: variant('traced') }, beforeCommit: before.commit }
}
