/**
 * What a user's first install costs: `npm install purista zod` in an empty project, from the packed
 * tarball, against `npm install @purista/core zod`, the same step for PURISTA. Size is node_modules on
 * disk; time is wall clock with npm's cache warm (the first, cold round is discarded), so it measures
 * the install, not this machine's network. Prints JSON: per peer, MB and the seconds of each round.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO } from '../lib.ts'

const ROUNDS = Number(process.env.BENCH_INSTALL_ROUNDS ?? 3)
const work = mkdtempSync(join(tmpdir(), 'purista-install-bench-'))
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0]
const peers: Record<string, string[]> = { purista: [join(work, packed.filename), 'zod'], '@purista/core': ['@purista/core', 'zod'] }

/** Bytes of the files under a folder, as du counts apparent sizes. */
const sizeOf = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0)

function install(packages: string[]): { seconds: number; bytes: number; packages: number } {
  const project = mkdtempSync(join(work, 'project-'))
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
  const started = performance.now()
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...packages], { cwd: project, stdio: 'ignore' })
  const seconds = (performance.now() - started) / 1000
  const modules = join(project, 'node_modules')
  const result = { seconds, bytes: sizeOf(modules), packages: readdirSync(modules).filter((n) => !n.startsWith('.')).length }
  rmSync(project, { recursive: true, force: true })
  return result
}

const results = Object.fromEntries(Object.keys(peers).map((name) => [name, { seconds: [] as number[], bytes: 0, packages: 0 }]))
for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, packages] of Object.entries(peers)) {
    const run = install(packages)
    if (round === 0) continue // fills npm's cache
    results[name]!.seconds.push(run.seconds)
    results[name]!.bytes = run.bytes
    results[name]!.packages = run.packages
  }
}
rmSync(work, { recursive: true, force: true })
process.stdout.write(JSON.stringify({ tarball: { files: packed.files.length, bytes: packed.size, unpackedBytes: packed.unpackedSize }, results }) + '\n')
