import { readFileSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { isPuristaFile } from '../package-files.ts'
import { zodUsesBeyondLite } from './zod-use.ts'

// purista's own code hands schemas to zod's Standard Schema interface only; zod's files are what zod-lite replaces.
const ZOD_DIR = `${sep}node_modules${sep}zod${sep}`
const NODE_MODULES = `${sep}node_modules${sep}`

/**
 * Why one module's own code needs zod itself (zod-use.ts), by its path (relative to `workingDir`, as
 * esbuild's metafile names it, or absolute); each file is read and checked once. purista's code and
 * zod's are not checked, nor a dependency from node_modules that never mentions zod: it cannot make
 * a schema, and its own `.pipe` or `.extend` are not a schema's.
 */
export function moduleZodUses(workingDir: string): (path: string) => string[] {
  const usesByFile = new Map<string, string[]>()
  return (path) => {
    const file = resolve(workingDir, path)
    let uses = usesByFile.get(file)
    if (!uses) {
      const skipped = isPuristaFile(file) || file.includes(ZOD_DIR)
      const text = skipped ? '' : readFileSync(file, 'utf8')
      uses = text && (!file.includes(NODE_MODULES) || text.includes('zod')) ? zodUsesBeyondLite(path, text) : []
      usesByFile.set(file, uses)
    }
    return uses
  }
}
