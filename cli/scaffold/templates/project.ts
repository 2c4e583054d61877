import { quoted } from './service.ts'

/** The project files around the services: package.json's parts, tsconfig.json, purista.config.ts, .gitignore. */

export interface PackageJson {
  name?: string
  type?: string
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  [field: string]: unknown
}

export const projectScripts = (): Record<string, string> => ({
  build: 'purista build',
  start: 'purista build --target monolith && node dist/monolith/index.mjs',
  dev: 'purista dev',
  test: 'vitest run',
  typecheck: 'tsc --noEmit',
})

export const projectDependencies = (puristaVersion: string): Record<string, string> => ({ purista: `^${puristaVersion}`, zod: '^4.0.0' })

export const projectDevDependencies = (): Record<string, string> => ({ '@types/node': '^20.19.0', typescript: '~5.9.0', vitest: '^3.2.0' })

export const packageJson = (name: string, puristaVersion: string): PackageJson => ({
  name,
  version: '0.1.0',
  private: true,
  type: 'module',
  scripts: projectScripts(),
  dependencies: projectDependencies(puristaVersion),
  devDependencies: projectDevDependencies(),
})

// JSON with comments, as tsc reads it: the choice of module resolution deserves its reason beside it.
export const tsconfigJson = () => `{
  "compilerOptions": {
    "target": "ES2022",
    // NodeNext: imports are checked the way Node resolves them at run time, purista's "exports" with
    // their "types" included, so relative imports name their .js file. \`purista build\` bundles the
    // sources, and a bundler accepts that spelling too: what type-checks here also builds.
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    // tsc only checks; purista build and vitest read the .ts files themselves.
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["src", "purista.config.ts"]
}
`

export const puristaConfig = (name: string) => `import { defineConfig } from 'purista/config'

// purista reads this file without running it: keep the values constant. Every option is in PuristaConfig.
export default defineConfig({
  name: ${quoted(name)},
  src: 'src',
  http: { port: 3000 },
})
`

export const gitignore = () => `node_modules/
dist/
`
