import { defineConfig } from 'purista/config'

// bench/http/app built with OpenTelemetry traces: the tracing suite's traced monolith.
export default defineConfig({ name: 'bench-http', src: '../../http/app/src', logLevel: 'warn', telemetry: { tracing: true }, typecheck: false })
