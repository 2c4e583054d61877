import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { build } from '../../cli/build.ts'
import { REPO } from '../../e2e/helpers.ts'

test("a rebuild keeps what npm install put into the CDK app's folder, and replaces the rest", async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'purista-rebuild-'))
  try {
    const again = () => build({ configPath: join(REPO, 'purista.config.ts'), target: 'lambda', outDir })
    expect((await again()).ok).toBe(true)
    const cdk = join(outDir, 'lambda/cdk')
    mkdirSync(join(cdk, 'node_modules/aws-cdk-lib'), { recursive: true })
    writeFileSync(join(cdk, 'node_modules/aws-cdk-lib/package.json'), '{"name":"aws-cdk-lib"}')
    writeFileSync(join(cdk, 'package-lock.json'), '{"lockfileVersion":3}')
    writeFileSync(join(cdk, 'stack.mjs'), '// edited')
    expect((await again()).ok).toBe(true)
    expect(readFileSync(join(cdk, 'node_modules/aws-cdk-lib/package.json'), 'utf8')).toBe('{"name":"aws-cdk-lib"}')
    expect(readFileSync(join(cdk, 'package-lock.json'), 'utf8')).toBe('{"lockfileVersion":3}')
    expect(readFileSync(join(cdk, 'stack.mjs'), 'utf8')).not.toBe('// edited')
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}, 60_000)
