import { ScaffoldError } from './names.ts'

/** Prints what a scaffold step reports; a ScaffoldError is the user's to fix: its message, exit code 1, no stack. */
export async function runScaffold(step: () => Promise<string>): Promise<void> {
  try {
    process.stdout.write((await step()) + '\n')
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error
    process.stderr.write(`error: ${error.message}\n`)
    process.exitCode = 1
  }
}
