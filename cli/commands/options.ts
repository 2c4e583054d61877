import { InvalidArgumentError, Option } from 'commander'
import { CONFIG_FILE } from '../../compiler/config/config-file.ts'
import { TARGET_DESCRIPTIONS, TARGET_NAMES } from '../../targets/catalog.ts'

/*
 * Options several commands share. Only commander and the target catalog are imported here: the
 * command files are loaded for `purista --help`, which must not load the analyzer or the bundler.
 */

export const configOption = () => new Option('-c, --config <file>', 'the project config, read without running it').default(CONFIG_FILE)

export const targetOption = () =>
  new Option('-t, --target <name>', `where the app will run: ${TARGET_NAMES.join(', ')}`).default('monolith').argParser((value) => {
    if (value in TARGET_DESCRIPTIONS) return value
    throw new InvalidArgumentError(`unknown target${didYouMean(value, TARGET_NAMES)}; available: ${TARGET_NAMES.join(', ')}`)
  })

/** ` (did you mean "lambda"?)` for a name one or two edits away from one of the names; else nothing. */
export function didYouMean(value: string, names: readonly string[]): string {
  const near = names.find((name) => editDistance(value.toLowerCase(), name) <= 2)
  return near ? ` (did you mean "${near}"?)` : ''
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

export const targetsHelp = () => Object.entries(TARGET_DESCRIPTIONS).map(([name, description]) => `  ${name.padEnd(12)} ${description}`).join('\n')

export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`a port is a number from 0 to 65535, got "${value}"`)
  return port
}
