import { benchInvoke } from './invoke-driver.ts'

// The call as bench/invoke/purista.ts makes it, straight on the bridge: what tracing off runs.
await benchInvoke()
