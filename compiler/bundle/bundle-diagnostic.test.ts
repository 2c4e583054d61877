import { expect, test } from 'vitest'
import { bundleDiagnostic } from './bundle-diagnostic.ts'

test("esbuild's errors become diagnostics at their file:line, with a hint that says what to check", () => {
  expect(bundleDiagnostic('src/a.ts:3:18 error: Could not resolve "zdo"')).toEqual({ severity: 'error', code: 'bundle-error', file: 'src/a.ts', line: 3, column: 18, message: 'Could not resolve "zdo"', hint: '"zdo" is not installed in this project: check the name, or npm install zdo' })
  expect(bundleDiagnostic('src/a.ts:1:1 error: Could not resolve "@aws-sdk/client-s3/dist"').hint).toBe('"@aws-sdk/client-s3/dist" is not installed in this project: check the name, or npm install @aws-sdk/client-s3')
  expect(bundleDiagnostic('src/a.ts:2:20 error: Could not resolve "../schema/greetSchem.js"').hint).toBe('no file at that path from this one: check the folder and the name (a .ts file may be imported as .js)')
  expect(bundleDiagnostic('src/a.ts:2:9 error: No matching export in "src/schema.ts" for import "greetSchem"').hint).toBe('src/schema.ts exports no "greetSchem": check the name, and that it is exported there')
  expect(bundleDiagnostic('src/a.ts:5:0 error: Expected ")" but found end of file')).toMatchObject({ line: 5, hint: 'the bundler could not compile this file' })
  expect(bundleDiagnostic('something else')).toEqual({ severity: 'error', code: 'bundle-error', file: '.', line: 1, column: 1, message: 'something else' })
})
