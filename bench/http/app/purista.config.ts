import { defineConfig } from 'purista/config'

export default defineConfig({ name: 'bench-http', src: 'src', logLevel: 'warn' })
