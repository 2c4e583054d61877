/**
 * Where the bytes of the user-email Azure functions go: per function, the JavaScript its module loads
 * (entry + the chunks it imports, as cold-start.ts counts it) against the hand-written app, and, read
 * from the source maps, how many of those bytes each source file contributes. Deterministic: no
 * process is started, so it runs fine on a busy machine.
 *
 *   npx tsx bench/azure/bytes.ts            the table
 *   npx tsx bench/azure/bytes.ts --files    and purista's files per function, largest first
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { decode } from '@jridgewell/sourcemap-codec'
import { build } from '../../cli/build.ts'
import { REPO } from '../lib.ts'
import { buildHandwrittenApp, FUNCTIONS, loadedFiles } from './apps.ts'

const work = join(REPO, 'bench/.work/azure-bytes')

const report = await build({ configPath: join(REPO, 'purista.config.ts'), target: 'azure', outDir: join(work, 'purista') })
if (!report.ok) throw new Error(JSON.stringify(report.diagnostics))
const handwrittenDir = join(work, 'handwritten')
await buildHandwrittenApp(handwrittenDir)
const dirs = { purista: join(work, 'purista/azure/user-email'), handwritten: handwrittenDir }

/** A map's source as a path in the repository: purista's build writes its maps from a staging folder, so only the tail counts. */
function repoPath(mapFile: string, source: string): string {
  const direct = relative(REPO, resolve(dirname(mapFile), source))
  return existsSync(join(REPO, direct)) && !direct.startsWith('..') ? direct : source.replace(/^(\.\.\/)+/, '')
}

/** Bytes per source file of one generated file, from its map: each mapping owns the bytes up to the next. */
const bytesCache = new Map<string, Map<string, number>>()
function bytesBySource(file: string): Map<string, number> {
  const cached = bytesCache.get(file)
  if (cached) return cached
  const out = new Map<string, number>()
  const add = (source: string, n: number) => out.set(source, (out.get(source) ?? 0) + n)
  const lines = readFileSync(file, 'utf8').split('\n')
  const mapFile = `${file}.map`
  if (!existsSync(mapFile)) {
    add('(no map)', statSync(file).size)
    bytesCache.set(file, out)
    return out
  }
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string }
  // The build writes its maps from a staging folder: strip the ../ and the paths are the repository's.
  const sources = map.sources.map((s) => (s.startsWith('webpack:/@azure/functions') ? '(webpack)' : s.includes(':') ? `(${s.split(':')[0]})` : repoPath(mapFile, s)))
  const decoded = decode(map.mappings)
  lines.forEach((line, i) => {
    const bytes = Buffer.from(line)
    const segments = decoded[i] ?? []
    // Columns are UTF-16 offsets; the minified output is ASCII but for rare literals: count by characters, close enough.
    let last = 0
    let owner = '(unmapped)'
    for (const seg of segments) {
      add(owner, seg[0] - last)
      last = seg[0]
      owner = seg.length > 1 ? sources[seg[1]!]! : '(unmapped)'
    }
    add(owner, line.length - last)
    add('(newlines)', 1)
    void bytes
  })
  bytesCache.set(file, out)
  return out
}

/** purista's own: the repository's files outside node_modules, fixtures and zod-lite (both apps bundle zod-lite the same). */
const group = (source: string) => {
  if (source === '(webpack)' || source.startsWith('node_modules/@azure/functions/')) return 'pkg:@azure/functions'
  if (source.startsWith('(')) return 'glue'
  const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (pkg) return `pkg:${pkg[1]}`
  if (source.startsWith('fixtures/') || source.startsWith('bench/azure/handwritten')) return 'app code'
  if (source.startsWith('runtime/zod-lite/')) return 'zod-lite'
  return 'purista'
}

const wantFiles = process.argv.includes('--files')
const rows = []
for (const fn of FUNCTIONS) {
  const row: Record<string, unknown> = { fn }
  const groups: Record<string, Map<string, number>> = {}
  const sourcesOf: Record<string, Map<string, number>> = {}
  for (const [peer, dir] of Object.entries(dirs)) {
    const files = loadedFiles(join(dir, 'functions', `${fn}.mjs`))
    const total = [...files].reduce((sum, f) => sum + statSync(f).size, 0)
    const bySource = new Map<string, number>()
    for (const f of files) for (const [s, n] of bytesBySource(f)) bySource.set(s, (bySource.get(s) ?? 0) + n)
    const byGroup = new Map<string, number>()
    for (const [s, n] of bySource) byGroup.set(group(s), (byGroup.get(group(s)) ?? 0) + n)
    groups[peer] = byGroup
    sourcesOf[peer] = bySource
    row[peer] = { total, purista: byGroup.get('purista') ?? 0, glue: byGroup.get('glue') ?? 0, app: byGroup.get('app code') ?? 0 }
    if (wantFiles && peer === 'purista') {
      console.log(`\n${fn}: ${total} bytes, purista ${byGroup.get('purista') ?? 0}`)
      for (const [g, n] of [...byGroup].sort((a, b) => b[1] - a[1])) if (!g.startsWith('pkg:') || n > 2000) console.log(`  ${String(n).padStart(8)}  [${g}]`)
      for (const [s, n] of [...bySource].filter(([s]) => group(s) === 'purista').sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(8)}  ${s}`)
    }
  }
  if (process.argv.includes('--diff')) {
    console.log(`\n${fn}: purista - handwritten, by group`)
    const keys = new Set([...groups.purista!.keys(), ...groups.handwritten!.keys()])
    for (const k of [...keys].sort()) {
      const d = (groups.purista!.get(k) ?? 0) - (groups.handwritten!.get(k) ?? 0)
      if (d) console.log(`  ${String(d).padStart(8)}  ${k}`)
    }
    for (const [s, n] of sourcesOf.handwritten!) if (group(s) === 'glue' || group(s) === 'app code') console.log(`  handwritten ${s}: ${n}`)
    for (const [s, n] of sourcesOf.purista!) if (group(s) === 'glue') console.log(`  purista ${s}: ${n}`)
  }
  rows.push(row)
}
console.log('\nfunction                       purista total  handwritten total  adds      purista-own  glue')
for (const r of rows as { fn: string; purista: { total: number; purista: number; glue: number }; handwritten: { total: number } }[]) {
  console.log(`${r.fn.padEnd(30)} ${String(r.purista.total).padStart(13)}  ${String(r.handwritten.total).padStart(17)}  ${((r.purista.total - r.handwritten.total) / 1024).toFixed(1).padStart(6)} KB  ${String(r.purista.purista).padStart(11)}  ${String(r.purista.glue).padStart(5)}`)
}
