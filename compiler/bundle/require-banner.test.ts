import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { dropUnusedRequireBanners, REQUIRE_BANNER } from './require-banner.ts'

test('the require banner leaves files that never use require, keeping their line count, and stays where code needs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'purista-banner-'))
  try {
    const plain = join(dir, 'plain.mjs')
    const needsIt = join(dir, 'cjs.mjs')
    const other = join(dir, 'plain.mjs.map')
    writeFileSync(plain, `${REQUIRE_BANNER}\nconsole.log(1);\n//# sourceMappingURL=plain.mjs.map\n`)
    writeFileSync(needsIt, `${REQUIRE_BANNER}\nvar a=typeof require<"u"?require:null;\n`)
    writeFileSync(other, `${REQUIRE_BANNER}`)
    dropUnusedRequireBanners([plain, needsIt, other])
    expect(readFileSync(plain, 'utf8')).toBe('\nconsole.log(1);\n//# sourceMappingURL=plain.mjs.map\n')
    expect(readFileSync(needsIt, 'utf8')).toContain(REQUIRE_BANNER)
    expect(readFileSync(other, 'utf8')).toBe(REQUIRE_BANNER)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
