import { defineConfig } from 'purista/config'

// The user-email app as the repository root builds it, but validating with zod-lite rather than with
// compiled validators: as the hand-written app validates, so "runtime adds" compares the runtime alone.
export default defineConfig({
  name: 'user-email',
  src: '../../fixtures/user-email/src',
  http: { port: 3000 },
  typecheck: false,
  targets: { azure: { compiledValidators: false } },
})
