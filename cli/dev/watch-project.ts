import { watch } from 'node:fs'
import { basename, dirname } from 'node:path'
import { watchTree, type TreeWatcher } from './watch-tree.ts'

/**
 * What `purista dev` watches: the config file, and everything under the src folder it names.
 * The config may name another src folder at any save, so that watch can be moved.
 */
export interface ProjectWatcher {
  /** Watches everything under `srcDir` but `ignoredDirs`; false if that was watched already. */
  watchSrc(srcDir: string, ignoredDirs: string[]): boolean
  close(): void
}

export function watchProject(configFile: string, onChange: () => void, onError: (message: string) => void): ProjectWatcher {
  // The folder, not the file: a watch on the file itself would lose it at the first save that
  // replaces it (a new file renamed over the old one).
  const configWatcher = watch(dirname(configFile), (_event, name) => name === basename(configFile) && onChange())
  let src: { dir: string; watcher?: TreeWatcher } | undefined

  return {
    watchSrc(srcDir, ignoredDirs) {
      if (src?.dir === srcDir && src.watcher) return false
      src?.watcher?.close()
      src = { dir: srcDir }
      try {
        src.watcher = watchTree(srcDir, ignoredDirs, onChange)
      } catch (error) {
        // A src folder that does not exist: the build reports it, and the build after the next change to the config tries again.
        onError(`cannot watch ${srcDir}: ${(error as Error).message}`)
      }
      return true
    },
    close() {
      configWatcher.close()
      src?.watcher?.close()
    },
  }
}
