/** Names the scaffold accepts, and the identifiers it derives from them. */

export class ScaffoldError extends Error {
  override name = 'ScaffoldError'
}

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/

/** 'send-welcome mail' → 'sendWelcomeMail': what to suggest when a name is not camelCase. */
export const toCamelCase = (text: string) =>
  text
    .replace(/^[^a-zA-Z]+/, '')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1)))
    .join('')

/** Commands, subscriptions and service folders are camelCase: they name files, exports and routes. */
export function checkCamelCase(name: string, what: string): string {
  if (CAMEL_CASE.test(name)) return name
  const suggestion = toCamelCase(name)
  throw new ScaffoldError(`${what} "${name}" is not camelCase (letters and digits, starting lowercase)${suggestion && suggestion !== name ? `: try "${suggestion}"` : ''}`)
}

export function checkVersion(version: string): string {
  if (/^[1-9][0-9]*$/.test(version)) return version
  throw new ScaffoldError(`a service version is a whole number from 1, as in /api/v1/…; got "${version}"`)
}

/** An event name travels between services as it is; only spaces and empty names are certainly mistakes. */
export function checkEventName(name: string): string {
  if (/^[A-Za-z0-9][\w.:-]*$/.test(name)) return name
  throw new ScaffoldError(`event name "${name}" may hold letters, digits and . _ : - only, e.g. "invoiceCreated"`)
}

/** The package name npm accepts, made from a folder name: 'My App' → 'my-app'. */
export const toPackageName = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '') || 'purista-app'

export const pascalCase = (name: string) => name[0]!.toUpperCase() + name.slice(1)

/** The identifiers of a service, the PURISTA way: folder userProfile, serviceName 'UserProfile'. */
export function serviceIdentifiers(folder: string, version: string) {
  return {
    folder,
    version,
    serviceName: pascalCase(folder),
    builderFile: `${folder}ServiceBuilder.ts`,
    builderExport: `${folder}V${version}ServiceBuilder`,
    serviceFile: `${folder}V${version}Service.ts`,
    serviceExport: `${folder}V${version}Service`,
  }
}
export type ServiceIdentifiers = ReturnType<typeof serviceIdentifiers>
