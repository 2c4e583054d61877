import { isExpression, type Value } from './expression.ts'
import type { Infrastructure } from './resources.ts'

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** A value as ARM JSON writes it: an expression in brackets, a literal starting with [ escaped as [[. */
const armValue = (value: Value): Json => {
  if (isExpression(value)) return `[${value.arm}]`
  if (typeof value === 'string') return value.startsWith('[') ? `[${value}` : value
  if (Array.isArray(value)) return value.map(armValue)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, armValue(v)]))
  return value
}

/**
 * The ARM template (languageVersion 2.0: resources under symbolic names, as Bicep compiles them),
 * deployable with `az deployment group create --template-file main.json` where no Bicep CLI is.
 */
export function armTemplate(infra: Infrastructure): Json {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    parameters: Object.fromEntries(Object.entries(infra.parameters).map(([name, p]) => [name, { type: p.secure ? 'securestring' : p.type, defaultValue: armValue(p.defaultValue), metadata: { description: p.description } }])),
    variables: Object.fromEntries(Object.entries(infra.variables).map(([name, v]) => [name, armValue(v)])),
    resources: Object.fromEntries(Object.entries(infra.resources).map(([name, resource]) => [name, armValue(resource as unknown as Value)])),
    outputs: Object.fromEntries(Object.entries(infra.outputs).map(([name, o]) => [name, { type: o.type, value: armValue(o.value) }])),
  }
}
