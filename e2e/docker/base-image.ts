import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** The image the generated Dockerfiles start FROM. */
export const BASE_IMAGE = 'node:22-slim'

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })

/**
 * Images cannot be pulled here, so the tests make `node:22-slim` themselves: the host's node binary,
 * the shared libraries it links (from ldd), and a `node` user, imported as an image. The bundles
 * need nothing else.
 */
export function ensureBaseImage(): void {
  try {
    run('docker', ['image', 'inspect', BASE_IMAGE])
    return
  } catch {
    // not there yet
  }
  const root = mkdtempSync(join(tmpdir(), 'purista-rootfs-'))
  try {
    const node = process.execPath
    const libraries = run('ldd', [node])
      .toString()
      .split('\n')
      .map((line) => /(\/\S+) \(0x/.exec(line)?.[1])
      .filter((path): path is string => !!path)
    for (const file of [node, ...libraries]) {
      const target = join(root, file === node ? '/usr/local/bin/node' : file)
      mkdirSync(dirname(target), { recursive: true })
      copyFileSync(file, target)
    }
    mkdirSync(join(root, 'etc'), { recursive: true })
    mkdirSync(join(root, 'tmp'), { recursive: true, mode: 0o1777 })
    mkdirSync(join(root, 'home/node'), { recursive: true })
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/false\nnode:x:1000:1000:node:/home/node:/bin/false\n')
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n')
    writeFileSync(join(root, 'etc/hosts'), '127.0.0.1 localhost\n')
    const archive = `${root}.tar`
    run('tar', ['-C', root, '-cf', archive, '.'])
    run('docker', ['import', '--change', 'ENV PATH=/usr/local/bin:/usr/bin:/bin', archive, BASE_IMAGE])
    rmSync(archive, { force: true })
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
