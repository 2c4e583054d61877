import { expect, test } from 'vitest'
import type { BuildReport } from './build.ts'
import { formatBuildReport } from './format.ts'

const report = (files: BuildReport['files']): BuildReport => ({ ok: true, target: 'lambda', diagnostics: [], steps: [], files, totalMs: 900, nextSteps: [], images: [] })
const functionFiles = (name: string) => [
  { path: `functions/${name}/index.mjs`, bytes: 240 },
  { path: `functions/${name}/index.mjs.map`, bytes: 600 },
  ...Array.from({ length: 12 }, (_, i) => ({ path: `functions/${name}/chunks/C${i}.mjs`, bytes: 1024 })),
]

test('past 24 files the report lists each folder with its file count and code bytes, maps apart; --files lists each', () => {
  const files = [{ path: 'cdk/app.mjs', bytes: 434 }, ...functionFiles('User-v1-getUser'), ...functionFiles('User-v1-registerNewUser')]
  const grouped = formatBuildReport(report(files), 'dist/lambda').split('\n')
  expect(grouped.some((line) => /^ {2}dist\/lambda\/cdk\/app\.mjs\s+434 B$/.test(line))).toBe(true)
  expect(grouped.find((line) => line.includes('functions/User-v1-getUser/'))).toMatch(/User-v1-getUser\/\s+14 files\s+12\.2 KB \+ 600 B maps$/)
  expect(grouped.some((line) => line.includes('chunks/C0.mjs'))).toBe(false)
  expect(grouped.at(-1)).toBe('built lambda in 900 ms · 29 files (--files lists each) · 0 warnings')
  const every = formatBuildReport(report(files), 'dist/lambda', { everyFile: true })
  expect(every.split('\n').filter((line) => line.includes('chunks/'))).toHaveLength(24)
})

test('a small build lists every file as it is', () => {
  const lines = formatBuildReport(report([{ path: 'index.mjs', bytes: 2048 }, { path: 'index.mjs.map', bytes: 100 }]), 'dist/monolith').split('\n')
  expect(lines.some((line) => /^ {2}dist\/monolith\/index\.mjs\s+2\.0 KB$/.test(line))).toBe(true)
  expect(lines.some((line) => /index\.mjs\.map\s+100 B$/.test(line))).toBe(true)
  expect(lines.at(-1)).toBe('built lambda in 900 ms · 2 files · 0 warnings')
})
