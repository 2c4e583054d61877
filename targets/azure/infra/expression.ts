/**
 * A value computed at deployment, written once in each template language: ARM's expression syntax
 * and Bicep's. The infrastructure is data (resources.ts) with these in it; arm.ts and bicep.ts print
 * the same data, so the two templates cannot drift apart.
 */
export interface Expression {
  arm: string
  bicep: string
}

export type Value = string | number | boolean | null | Expression | Value[] | { [key: string]: Value }

export const isExpression = (value: unknown): value is Expression => typeof value === 'object' && value !== null && 'arm' in value && 'bicep' in value

export const expr = (arm: string, bicep: string): Expression => ({ arm, bicep })

export const parameter = (name: string): Expression => expr(`parameters('${name}')`, name)
export const variable = (name: string): Expression => expr(`variables('${name}')`, name)

/** A property of a deployed resource, by its symbolic name: reference('site').defaultHostName, site.properties.defaultHostName. */
export const propertyOf = (symbol: string, path: string): Expression => expr(`reference('${symbol}').${path}`, `${symbol}.properties.${path}`)

/** A literal or an expression as an argument of a function, in each language. */
const argument = (value: string | Expression, language: keyof Expression) => (typeof value === 'string' ? `'${value.replaceAll("'", language === 'arm' ? "''" : "\\'")}'` : value[language])

/** The id of a resource of this resource group: resourceId() is the same function in both languages. */
export const resourceId = (type: string, ...names: (string | Expression)[]): Expression => {
  const call = (language: keyof Expression) => `resourceId('${type}', ${names.map((n) => argument(n, language)).join(', ')})`
  return expr(call('arm'), call('bicep'))
}

/** A string of literal text and expressions: ARM's format(), Bicep's interpolation. */
export function interpolate(parts: (string | Expression)[]): Expression {
  let format = ''
  const args: string[] = []
  let bicep = ''
  for (const part of parts) {
    if (typeof part === 'string') {
      format += part.replaceAll("'", "''").replaceAll('{', '{{').replaceAll('}', '}}')
      bicep += part.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('${', '\\${')
    } else {
      format += `{${args.length}}`
      args.push(part.arm)
      bicep += '${' + part.bicep + '}'
    }
  }
  return expr(`format('${format}', ${args.join(', ')})`, `'${bicep}'`)
}
