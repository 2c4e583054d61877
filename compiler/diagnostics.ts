export type Severity = 'error' | 'warning'

/** A problem found in the user's sources or config, pointing at the exact place. */
export interface Diagnostic {
  severity: Severity
  code: DiagnosticCode
  message: string
  /** Path relative to the project root. */
  file: string
  line: number
  column: number
  hint?: string
}

export type DiagnosticCode =
  | 'syntax-error'
  | 'unresolved-import'
  | 'not-static'
  | 'duplicate-service'
  | 'duplicate-command'
  | 'duplicate-subscription'
  | 'duplicate-route'
  | 'unknown-invoke-target'
  | 'unheard-event'
  | 'unused-definition'
  | 'missing-function'
  | 'missing-event'
  | 'not-exported'
  | 'split-service'
  | 'no-services'
  | 'invalid-config'
  | 'missing-config'
  | 'invalid-route'
  | 'invalid-filter'
  | 'missing-resource'
  | 'unsupported-method'
  | 'ignored-on-target'
  | 'bundle-error'
  | 'image-build'
  | 'missing-package'
  | 'missing-path-parameter'
  | 'dynamic-definition'
  | 'commonjs-module'
  | 'invalid-name'
  | 'name-collision'
  | 'type-error'

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error')

/** `src/a.ts:3:7 error not-static: … (hint: …)`, the format editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`
  return d.hint ? `${head}\n    hint: ${d.hint}` : head
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code))
}
