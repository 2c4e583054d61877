import { defineConfig } from 'purista/config'

// The repository root builds the user + email app from the product description.
export default defineConfig({
  name: 'user-email',
  src: 'fixtures/user-email/src',
  http: { port: 3000 },
  // This repository's tsconfig.json spans all of it, and npm test type-checks it first: a build need not repeat that.
  typecheck: false,
})
