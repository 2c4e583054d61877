import { createInterface } from 'node:readline/promises'
import { ScaffoldError } from './names.ts'
import { listServices } from './services.ts'

/** Questions are asked only of a person at a terminal; scripts and CI get the defaults or an error. */
export const canPrompt = () => process.stdin.isTTY === true

/** Asks on stderr, so stdout carries only the report; an empty answer takes the default, if there is one. */
export async function ask(question: string, fallback?: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = (await readline.question(fallback ? `${question} (${fallback}): ` : `${question}: `)).trim() || fallback
    if (!answer) throw new ScaffoldError(`${question}: an answer is needed`)
    return answer
  } finally {
    readline.close()
  }
}

/** The service to add to, asked for only when the project has several (with one, it is that one). */
export async function askServiceIfSeveral(srcDir: string): Promise<string | undefined> {
  const folders = [...new Set(listServices(srcDir).map((s) => s.ids.folder))]
  return folders.length > 1 ? ask(`service (${folders.join(', ')})`) : undefined
}
