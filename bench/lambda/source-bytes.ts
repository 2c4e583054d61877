import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { decode } from '@jridgewell/sourcemap-codec'

/**
 * Of the bytes of the given JavaScript files, those their source maps attribute to a source that
 * `isCounted` accepts: a mapping segment owns the text from its column up to the next segment's
 * (or the line's end). Each file's map is the `.map` beside it.
 */
export function bytesFromSources(files: readonly string[], isCounted: (source: string) => boolean): number {
  let bytes = 0
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n')
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string }
    decode(map.mappings).forEach((segments, line) => {
      const text = lines[line] ?? ''
      segments.forEach((segment, i) => {
        const end = segments[i + 1]?.[0] ?? text.length
        if (segment.length > 1 && isCounted(map.sources[segment[1]!]!)) bytes += Buffer.byteLength(text.slice(segment[0], end))
      })
    })
  }
  return bytes
}

/** The AWS SDK and what it brings: every package a function bundles but zod, whose share is the same for both peers. */
export const isAwsSdkSource = (source: string) => source.includes('node_modules/') && !/node_modules\/zod\//.test(source)

const IMPORTED = /(?:from|import)\s*\(?"(\.[^"]+\.mjs)"/g

/**
 * The JavaScript files a cold start of a function loads: its entry and every file it imports,
 * statically or dynamically, except a compiled validator's zod fallback (its source map names a
 * `purista-zod-fallback:` module), which loads only when an input fails, and what only it imports.
 */
export function coldStartFiles(dir: string): string[] {
  const loaded = new Set<string>()
  const visit = (file: string) => {
    if (loaded.has(file)) return
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }
    if (map.sources.some((source) => source.startsWith('purista-zod-fallback:'))) return
    loaded.add(file)
    for (const [, path] of readFileSync(file, 'utf8').matchAll(IMPORTED)) visit(join(dirname(file), path!))
  }
  visit(join(dir, 'index.mjs'))
  return [...loaded]
}
