import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, basename } from 'node:path'

/**
 * Lets `write` fill a fresh sibling folder, then swaps it in for `target`.
 * If `write` throws, `target` is exactly as it was.
 */
export async function replaceDirAtomically<T>(target: string, write: (dir: string) => Promise<T>): Promise<T> {
  const parent = dirname(target)
  mkdirSync(parent, { recursive: true })
  const suffix = `${process.pid}-${Date.now().toString(36)}`
  const staging = join(parent, `.${basename(target)}.staging-${suffix}`)
  const retired = join(parent, `.${basename(target)}.retired-${suffix}`)
  mkdirSync(staging)
  let result: T
  try {
    result = await write(staging)
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    throw error
  }
  let hadPrevious = true
  try {
    renameSync(target, retired)
  } catch {
    hadPrevious = false
  }
  renameSync(staging, target)
  if (hadPrevious) rmSync(retired, { recursive: true, force: true })
  return result
}
