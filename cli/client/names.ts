/*
 * The names a generated client uses, as PURISTA's own client builder spells them: a service is a
 * camelCase property holding its versions ('v1'), a command keeps its name, and the types of a
 * command are prefixed with service, version and command in PascalCase
 * (UserV1RegisterNewUserPayloadType).
 */

const words = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean)
const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1)

export const pascalCase = (text: string) => words(text).map(capitalize).join('')

export const camelCase = (text: string) => {
  const pascal = pascalCase(text)
  return pascal && pascal[0]!.toLowerCase() + pascal.slice(1)
}

export const versionKey = (serviceVersion: string) => `v${serviceVersion}`

export const typeNamePrefix = (serviceName: string, serviceVersion: string, commandName: string) =>
  `${pascalCase(serviceName)}V${pascalCase(serviceVersion)}${pascalCase(commandName)}`

/** A property key as it must be written in an object literal or a type. */
export const propertyKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name))
