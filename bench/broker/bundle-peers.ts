import { basename, join } from 'node:path'
import * as esbuild from 'esbuild'
import { REQUIRE_BANNER } from '../../compiler/bundle/require-banner.ts'
import { REPO } from '../lib.ts'

const OUT = join(REPO, 'bench/.work/broker')

/**
 * Every process of the broker bench runs built JavaScript under plain node, as in production.
 * purista's files are bundled whole, dependencies included, the way `purista build` bundles a
 * service (run through tsx instead, its processes spent about 10% more CPU a call). The peers' files
 * are bundled with their packages left out, so Moleculer, nats.js and amqplib load as they ship.
 * Returns the built path of each file.
 */
export async function bundlePeers(files: { purista: string[]; peers: string[] }): Promise<Map<string, string>> {
  const build = (entryPoints: string[], packages?: 'external') =>
    esbuild.build({
      entryPoints: entryPoints.map((file) => join(REPO, file)),
      outdir: OUT,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      packages,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: REQUIRE_BANNER },
      logLevel: 'error',
    })
  await Promise.all([build(files.purista), build(files.peers, 'external')])
  return new Map([...files.purista, ...files.peers].map((file) => [file, join(OUT, basename(file).replace(/\.ts$/, '.mjs'))]))
}
