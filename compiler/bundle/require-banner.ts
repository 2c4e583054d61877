import { readFileSync, writeFileSync } from 'node:fs'

/** ESM has no require(); bundled CommonJS code calls it for Node built-ins, so a banner defines it. */
export const REQUIRE_BANNER = "import { createRequire as __puristaRequire } from 'node:module'; const require = __puristaRequire(import.meta.url);"

/**
 * Takes the banner out of every file that never mentions require: with code splitting each chunk
 * and each Lambda function would otherwise load it for nothing. Its line stays, empty, so the
 * source maps still match.
 */
export function dropUnusedRequireBanners(files: string[]): void {
  for (const file of files) {
    if (!file.endsWith('.mjs')) continue
    const text = readFileSync(file, 'utf8')
    if (!text.startsWith(REQUIRE_BANNER)) continue
    const rest = text.slice(REQUIRE_BANNER.length)
    if (!/\brequire\b/.test(rest)) writeFileSync(file, rest)
  }
}
