import type { Diagnostic } from '../diagnostics.ts'

/** One of esbuild's error messages ("file:line:col error: text") as a diagnostic, with a hint for the common ones. */
export function bundleDiagnostic(message: string): Diagnostic {
  const match = /^(.*?):(\d+):(\d+) error: (.*)$/s.exec(message)
  if (!match) return { severity: 'error', code: 'bundle-error', file: '.', line: 1, column: 1, message }
  const text = match[4]!
  return { severity: 'error', code: 'bundle-error', file: match[1]!, line: Number(match[2]), column: Number(match[3]), message: text, hint: hintFor(text) }
}

function hintFor(text: string): string {
  const unresolved = /^Could not resolve "([^"]+)"/.exec(text)?.[1]
  if (unresolved?.startsWith('.')) return 'no file at that path from this one: check the folder and the name (a .ts file may be imported as .js)'
  if (unresolved) return `"${unresolved}" is not installed in this project: check the name, or npm install ${packageName(unresolved)}`
  const missingExport = /^No matching export in "([^"]+)" for import "([^"]+)"/.exec(text)
  if (missingExport) return `${missingExport[1]} exports no "${missingExport[2]}": check the name, and that it is exported there`
  return 'the bundler could not compile this file'
}

/** The package a bare import names: `@scope/name` or `name`, without a subpath. */
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')
