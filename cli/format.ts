import { formatDiagnostic, type Diagnostic } from '../compiler/diagnostics.ts'
import type { AppModel } from '../compiler/model/app-model.ts'
import type { BuildReport, BuildStep } from './build.ts'

export const formatBytes = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`)
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`

export const formatStep = (s: BuildStep) => `  ${s.failed ? '✗' : '✓'} ${s.name.padEnd(8)} ${s.detail.padEnd(58)} ${ms(s.ms).padStart(9)}`

export function formatDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n')
}

/** Up to this many files, the report lists each; past it, each folder of them (--files lists each anyway). */
const LISTED_FILES = 24

/**
 * One row per folder two levels down (a Lambda function, an app's functions, the CDK app), with its
 * file count and the bytes of its code; source maps, which nothing loads at run time, apart.
 */
function folderRows(files: BuildReport['files']): { path: string; size: string }[] {
  const folders = new Map<string, { files: number; code: number; maps: number }>()
  for (const file of files) {
    const parts = file.path.split('/')
    const folder = parts.length > 2 ? `${parts.slice(0, 2).join('/')}/` : file.path
    const totals = folders.get(folder) ?? { files: 0, code: 0, maps: 0 }
    totals.files++
    if (file.path.endsWith('.map')) totals.maps += file.bytes
    else totals.code += file.bytes
    folders.set(folder, totals)
  }
  return [...folders].map(([path, t]) => ({ path, size: t.files === 1 && !path.endsWith('/') ? formatBytes(t.code + t.maps) : `${t.files} files  ${formatBytes(t.code).padStart(9)}${t.maps ? ` + ${formatBytes(t.maps)} maps` : ''}` }))
}

/** The end-of-build report: what was written, how big, how long, what to look at. */
export function formatBuildReport(report: BuildReport, outDirForDisplay: string, options: { everyFile?: boolean } = {}): string {
  const lines: string[] = []
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length
  const errors = report.diagnostics.length - warnings
  if (report.diagnostics.length) lines.push('', formatDiagnostics(report.diagnostics))
  if (!report.ok) {
    const output = report.outDir ? `${outDirForDisplay} was written, the images were not` : `${outDirForDisplay} was left unchanged`
    lines.push('', `✗ build failed: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; ${output}`)
    return lines.join('\n')
  }
  lines.push('')
  const grouped = !options.everyFile && report.files.length > LISTED_FILES
  const rows = grouped ? folderRows(report.files) : report.files.map((f) => ({ path: f.path, size: formatBytes(f.bytes) }))
  const width = Math.max(...rows.map((r) => r.path.length)) + outDirForDisplay.length + 1
  for (const row of rows) lines.push(`  ${`${outDirForDisplay}/${row.path}`.padEnd(width)}  ${row.size.padStart(10)}`)
  for (const image of report.images) lines.push(`  image ${image.image}  ${image.id.slice(7, 19)}  ${ms(image.ms)}`)
  lines.push('', `built ${report.target} in ${ms(report.totalMs)} · ${report.files.length} files${grouped ? ' (--files lists each)' : ''} · ${warnings} warning${warnings === 1 ? '' : 's'}`)
  for (const next of report.nextSteps) lines.push(`run: ${next.replaceAll("{out}", outDirForDisplay)}`)
  return lines.join('\n')
}

/** `purista inspect`: one row per command and subscription. */
export function formatModelTable(model: AppModel): string {
  const rows: string[][] = [['SERVICE', 'KIND', 'NAME', 'TRIGGER', 'EMITS', 'INVOKES', 'SOURCE']]
  for (const s of model.services) {
    const service = `${s.serviceName} v${s.serviceVersion}`
    for (const c of s.commands) {
      rows.push([
        service,
        'command',
        c.name,
        c.http ? `${c.http.method} ${c.http.path}${c.http.queryParameters.length ? '?' + c.http.queryParameters.map((q) => q.name + (q.required ? '' : '?')).join('&') : ''}` : '(internal)',
        [c.successEvent, ...c.emits].filter(Boolean).join(', ') || '-',
        c.invokes.map((i) => `${i.serviceName}.${i.command}`).join(', ') || '-',
        `${c.source.file}:${c.source.line}`,
      ])
    }
    for (const sub of s.subscriptions) {
      rows.push([
        service,
        'subscription',
        sub.name,
        `on ${sub.event}${sub.everyInstance ? ' (every instance)' : sub.durable ? ' (durable)' : ''}`,
        [sub.outputEvent, ...sub.emits].filter(Boolean).join(', ') || '-',
        sub.invokes.map((i) => `${i.serviceName}.${i.command}`).join(', ') || '-',
        `${sub.source.file}:${sub.source.line}`,
      ])
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n')
}
