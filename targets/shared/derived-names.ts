import type { Diagnostic } from '../../compiler/diagnostics.ts'

/** A name a target makes from the user's names (a function, a container, an image), and whose it is. */
export interface DerivedName {
  name: string
  /** What it is made from, for the message: `command "getUser" of User v1`. */
  of: string
  at: { file: string; line: number; column: number }
}

/** What the platform accepts for one kind of derived name. */
export interface NameRule {
  /** `Lambda function name`, `Kubernetes object name`. */
  kind: string
  pattern: RegExp
  /** The pattern in words, for the hint. */
  allowed: string
  maxLength: number
}

/**
 * Each derived name the platform would refuse (or cut) is an error, and so is each pair that
 * differ in case only or not at all: 'get user' and 'get-user', 'User' and 'user' become one
 * function, folder or container. Names are compared ignoring case because folders are on macOS
 * and Windows, and several of the platforms' names are too.
 */
export function checkDerivedNames(names: DerivedName[], rule: NameRule): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const taken = new Map<string, DerivedName>()
  for (const derived of names) {
    const { name, of } = derived
    const at = { file: derived.at.file, line: derived.at.line, column: derived.at.column }
    if (name.length > rule.maxLength || !rule.pattern.test(name)) {
      const problem = name.length > rule.maxLength ? `${name.length} characters, over the limit of ${rule.maxLength}` : `not ${rule.allowed}`
      diagnostics.push({ severity: 'error', code: 'invalid-name', message: `${of} becomes the ${rule.kind} "${name}": ${problem}`, ...at, hint: `shorten or rename it: a ${rule.kind} is ${rule.allowed}, at most ${rule.maxLength} characters` })
    }
    const key = name.toLowerCase()
    const first = taken.get(key)
    if (first) {
      const same = name === first.name ? `both become the ${rule.kind} "${name}"` : `become the ${rule.kind}s "${name}" and "${first.name}", one name ignoring case`
      diagnostics.push({ severity: 'error', code: 'name-collision', message: `${of} and ${first.of} ${same}`, ...at, hint: 'rename one of them: names that differ only in case or in characters other than letters and digits collide here' })
    } else taken.set(key, derived)
  }
  return diagnostics
}
