import type { AppOptions } from '../../../runtime/app/app-options.ts'

/**
 * What a function reads of the app's options: the stores are chosen at build time (the entry imports
 * their classes), the port is the host's, so the entry writes only these into each function.
 */
export type FunctionOptions = Pick<AppOptions, 'name' | 'logLevel' | 'commandTimeoutMs' | 'serviceConfig'> & { http: Pick<AppOptions['http'], 'bodyLimit'> }

export const functionOptions = ({ name, logLevel, commandTimeoutMs, serviceConfig, http }: AppOptions): FunctionOptions => ({ name, logLevel, commandTimeoutMs, serviceConfig, http: { bodyLimit: http.bodyLimit } })
