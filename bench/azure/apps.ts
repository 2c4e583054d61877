import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import * as esbuild from 'esbuild'
import { REPO, zodLitePlugin } from '../lib.ts'

/** The user-email functions both Azure apps have, by their purista names. */
export const FUNCTIONS = ['User-v1-getUser', 'User-v1-registerNewUser', 'Email-v1-listSentMails', 'Email-v1-sendWelcomeMail']
const handwrittenName = (fn: string) => fn.split('-').at(-1)!

/**
 * The hand-written v4 app (bench/azure/handwritten), bundled as purista's is: one pass, shared chunks,
 * minified ESM for node22, source maps (the infrastructure runs Node with --enable-source-maps, which
 * reads them as modules load), packages' ESM builds first (they tree-shake), zod as zod-lite.
 */
export async function buildHandwrittenApp(outDir: string): Promise<void> {
  await esbuild.build({
    entryPoints: FUNCTIONS.map((fn) => ({ in: join(REPO, 'bench/azure/handwritten', `${handwrittenName(fn)}.ts`), out: `functions/${fn}` })),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'functions/chunks/[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: true,
    external: ['@azure/functions-core'],
    mainFields: ['module', 'main'],
    plugins: [zodLitePlugin],
    // Bundled CommonJS (the Azure SDKs) calls require() for Node's modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'error',
  })
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ name: 'handwritten', type: 'module', main: 'functions/*.mjs' }))
}

/**
 * The JavaScript a function's module loads: itself, the chunks it imports, followed through. A
 * function module's entry loads its code with import() (entry.ts); an import() inside a chunk is a
 * lazy load (purista's @azure/identity, used only with a managed identity; zod, for the issues of an
 * input a compiled validator rejects), not followed unless asked.
 */
export function loadedFiles(file: string, seen = new Set<string>(), options: { lazy: boolean } = { lazy: false }, isEntry = true): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  const imports = [...text.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.mjs)"/g), ...(isEntry || options.lazy ? text.matchAll(/import\(\s*"(\.{1,2}\/[^"]+\.mjs)"\s*\)/g) : [])]
  for (const m of imports) loadedFiles(join(dirname(file), m[1]!), seen, options, false)
  return seen
}
