import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** tsc's diagnostics for a folder with a tsconfig.json; empty when it compiles. */
export const typeCheck = (dir: string) => new Promise<string>((resolve) => execFile(process.execPath, [TSC, '-p', dir], (error, stdout) => resolve(error ? stdout || error.message : '')))

/** As strict as a careful user's project gets; `lib` and `types` say where it runs. */
export const strictTsconfig = (environment: { lib: string[]; types: string[] }) =>
  JSON.stringify({
    compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noUnusedLocals: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', ...environment },
    include: ['*.ts'],
  })

/** Exact type equality: an `any` or a missing field makes it false. */
export const EQUAL = 'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false'
