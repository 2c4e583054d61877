#!/usr/bin/env node
// The CLI from its TypeScript sources, for this repository's tests and development; the published
// package runs lib/cli/main.js, built by `npm run build`.
import { register } from 'tsx/esm/api'

register()
await import('./main.ts')
