import { EBMessageType } from '../../runtime/core/message-type.ts'
import type { StaticValue } from './evaluate.ts'

/** The package names user code imports the builder API from. */
export const FRAMEWORK_SPECIFIERS = new Set(['purista', '@purista/core'])

/** Constants the framework exports that user code passes to builder methods, e.g. filterForMessageType(EBMessageType.CustomMessage). */
export const FRAMEWORK_CONSTANTS: Record<string, StaticValue> = { EBMessageType }
