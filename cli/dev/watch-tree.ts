import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs'
import { join, sep } from 'node:path'

export interface TreeWatcher {
  close(): void
}

/**
 * Calls `onChange` for every change under `root`, through one non-recursive watch per folder.
 * Not `watch(root, { recursive: true })`: on Linux, Node 20 emulates that with a watch per file,
 * and a file saved the way sed -i, vim and many editors save (write a new file, rename it over the
 * old one) is never reported again. A folder's own watch sees every entry that changes in it.
 * Folders named node_modules or starting with a dot, and those under `ignoredDirs`, are not
 * watched: they are not the app's sources (the build output may sit inside src, and its writes must
 * not start another build).
 */
export function watchTree(root: string, ignoredDirs: string[], onChange: () => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>()
  const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep)
  const ignored = (path: string) => ignoredDirs.some((dir) => inside(path, dir))

  const add = (dir: string) => {
    if (watchers.has(dir) || ignored(dir)) return
    const watcher = watch(dir, (event, name) => {
      const path = name ? join(dir, name) : dir
      if (ignored(path)) return
      // 'rename': an entry appeared or went away; a new folder needs a watch of its own.
      if (event === 'rename') (isDirectory(path) ? addSafely : removeUnder)(path)
      onChange()
    })
    watcher.on('error', () => removeUnder(dir)) // the folder itself was removed
    watchers.set(dir, watcher)
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) add(join(dir, entry.name))
    }
  }
  // A folder created and removed again before it is read: nothing to watch.
  const addSafely = (dir: string) => {
    try {
      add(dir)
    } catch {
      removeUnder(dir)
    }
  }
  const removeUnder = (path: string) => {
    for (const [dir, watcher] of watchers) if (inside(dir, path)) (watcher.close(), watchers.delete(dir))
  }

  add(root)
  return { close: () => removeUnder(root) }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
