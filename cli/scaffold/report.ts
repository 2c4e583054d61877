import { relative } from 'node:path'
import type { AddResult } from './add.ts'
import type { InitResult } from './init.ts'

const indent = (lines: string[], by = '  ') => lines.map((line) => by + line)
const shellQuote = (text: string) => (/^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`)

/** What `purista init` prints: each file written, then the commands to run next. */
export function formatInitReport(result: InitResult, puristaVersion: string, cwd = process.cwd()): string {
  const lines = [`created ${result.name} with purista ${puristaVersion} in ${relative(cwd, result.root) || '.'}`, '']
  for (const file of result.written) {
    lines.push(`  wrote ${file}${file === 'package.json' && result.packageJsonChanges ? ' (merged with yours)' : ''}`)
    if (file === 'package.json' && result.packageJsonChanges) lines.push(...indent(result.packageJsonChanges, '          + '))
  }
  const where = relative(cwd, result.root)
  const next = [
    ...(where ? [`cd ${shellQuote(where)}`] : []),
    ...(result.installed ? [] : ['npm install']),
    'npm test                 # the unit tests beside each command and subscription',
    'npm start                # builds the monolith and serves it on http://localhost:3000',
    `curl -s localhost:3000/api/v1/greetings -H 'content-type: application/json' -d '{"name":"Ada"}'`,
    `npx purista add command <name> --service ${result.serviceFolder} --http POST:<path>`,
  ]
  return [...lines, '', 'next:', ...indent(next)].join('\n')
}

/** What `purista add` prints: files written and changed, or the lines to add by hand. */
export function formatAddReport(result: AddResult): string {
  const lines = [...result.written.map((f) => `  wrote   ${f}`), ...result.changed.map((f) => `  updated ${f}`)]
  if (result.manual) {
    lines.push('', `${result.manual.file} ${result.manual.reason}, so the new definition is not in the service yet; add these lines to it:`, ...indent(result.manual.lines, '    '))
  }
  return lines.join('\n')
}
