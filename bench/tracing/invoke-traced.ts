import { startTracing } from '../../runtime/tracing/otel/start-tracing.ts'
import { tracing } from '../../runtime/tracing/tracing.ts'
import { benchInvoke } from './invoke-driver.ts'

// What an entry built with telemetry: { tracing: true } runs first (targets/shared/tracing.ts); it
// exports only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
startTracing({ serviceName: 'bench-invoke' })
// A service's own calls go through the traced sender (runtime/service/service.ts): a client span
// per call here and the handler's server span, as one command calling another in process has.
await benchInvoke((bridge) => (tracing ? tracing.sender(bridge, undefined) : bridge))
