import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, basename } from 'node:path'

/**
 * Lets `write` fill a fresh sibling folder, then swaps it in for `target`.
 * If `write` throws, `target` is exactly as it was. The `keep` paths (relative to target) that the
 * old folder has and the new one lacks move into the new one: what the user put there, such as the
 * CDK app's node_modules, survives a rebuild.
 */
export async function replaceDirAtomically<T>(target: string, write: (dir: string) => Promise<T>, keep: readonly string[] = []): Promise<T> {
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
  for (const path of hadPrevious ? keep : []) {
    if (!existsSync(join(retired, path)) || existsSync(join(staging, path))) continue
    mkdirSync(dirname(join(staging, path)), { recursive: true })
    renameSync(join(retired, path), join(staging, path))
  }
  renameSync(staging, target)
  if (hadPrevious) rmSync(retired, { recursive: true, force: true })
  return result
}
