import { defineConfig } from 'purista/config'

// The user-email app as the repository root builds it, but leaving the AWS SDK to the Lambda runtime:
// the cold-start bench's row for what bundling the SDK (the default) changes.
export default defineConfig({
  name: 'user-email',
  src: '../../fixtures/user-email/src',
  http: { port: 3000 },
  typecheck: false,
  targets: { lambda: { bundleAwsSdk: false } },
})
