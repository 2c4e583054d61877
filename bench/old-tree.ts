import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REPO } from './lib.ts'

/**
 * The repository at an earlier commit (a revision `git rev-parse` takes), extracted with `git archive`
 * into bench/.work/trees/<name> (once per commit: a marker file names it), sharing this checkout's
 * node_modules, so its CLI builds and its runtime bundles the way the current code's do: a suite
 * measures the code before a change and after it in one run. `files` (paths inside the repository)
 * are copied in from the current tree: drivers written for a suite, which the old tree lacks.
 */
export function oldTree(revision: string, name: string, files: string[] = []): { dir: string; commit: string } {
  const dir = join(REPO, 'bench/.work/trees', name)
  const commit = execFileSync('git', ['rev-parse', revision], { cwd: REPO, encoding: 'utf8' }).trim()
  const marker = join(dir, '.commit')
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== commit) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: REPO })
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'))
    writeFileSync(marker, commit)
  }
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    copyFileSync(join(REPO, file), join(dir, file))
  }
  return { dir, commit }
}
