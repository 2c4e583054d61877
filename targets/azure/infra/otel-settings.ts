import { OTEL_SETTINGS } from '../../shared/tracing.ts'
import { parameter, type Value } from './expression.ts'
import type { Infrastructure } from './resources.ts'

/*
 * Where a traced build's spans go is decided at deployment: each OTEL_* export setting is a
 * template parameter (az deployment group create … -p otelExporterOtlpEndpoint=https://…) that
 * every Function App gets as the app setting of that name. One left empty is as good as unset: no
 * endpoint, nothing exported.
 */

/** OTEL_EXPORTER_OTLP_ENDPOINT → otelExporterOtlpEndpoint, the parameter's name. */
export const otelParameterName = (setting: string): string => setting.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())

/** The headers carry the backend's API key, so the deployment keeps them out of its logs and outputs. */
const SECRET_SETTING = 'OTEL_EXPORTER_OTLP_HEADERS'

export const otelParameters = (): Infrastructure['parameters'] =>
  Object.fromEntries(
    OTEL_SETTINGS.map((setting) => [otelParameterName(setting), { type: 'string' as const, defaultValue: '', description: `${setting} of every Function App (OpenTelemetry export); empty: not set.`, ...(setting === SECRET_SETTING && { secure: true as const }) }]),
  )

export const otelAppSettings = (): [string, Value][] => OTEL_SETTINGS.map((setting) => [setting, parameter(otelParameterName(setting))])
