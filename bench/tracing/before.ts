import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REPO } from '../lib.ts'

/** The first commit of the tracing work (see `git log`): the code before it is what tracing off is compared with. */
const FIRST_TRACING_COMMIT = '5b3ba43'
const DIR = join(REPO, 'bench/.work/tracing/source-before')

/**
 * The repository as it was just before tracing landed, extracted with `git archive` into
 * bench/.work/tracing/source-before (once per commit: a marker file names it), sharing this checkout's
 * node_modules, so its CLI builds and its runtime bundles the way the current code's do.
 * `files` (paths inside the repository) are copied in from the current tree: drivers written
 * for this suite, which the old tree lacks, run there against its runtime.
 */
export function beforeTree(files: string[]): { dir: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', `${FIRST_TRACING_COMMIT}^`], { cwd: REPO, encoding: 'utf8' }).trim()
  const marker = join(DIR, '.commit')
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== commit) {
    rmSync(DIR, { recursive: true, force: true })
    mkdirSync(DIR, { recursive: true })
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${DIR}"`], { cwd: REPO })
    symlinkSync(join(REPO, 'node_modules'), join(DIR, 'node_modules'))
    writeFileSync(marker, commit)
  }
  for (const file of files) {
    mkdirSync(dirname(join(DIR, file)), { recursive: true })
    copyFileSync(join(REPO, file), join(DIR, file))
  }
  return { dir: DIR, commit }
}
