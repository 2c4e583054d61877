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
    throw new InvalidArgumentError(`unknown target; available: ${TARGET_NAMES.join(', ')}`)
  })

export const targetsHelp = () => Object.entries(TARGET_DESCRIPTIONS).map(([name, description]) => `  ${name.padEnd(12)} ${description}`).join('\n')

export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`a port is a number from 0 to 65535, got "${value}"`)
  return port
}
