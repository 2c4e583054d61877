/** PURISTA's names for the message types, as its code passes them to filterForMessageType(). */
export const EBMessageType = {
  Command: 'command',
  CommandSuccessResponse: 'commandSuccessResponse',
  CommandErrorResponse: 'commandErrorResponse',
  CustomMessage: 'customMessage',
} as const
export type EBMessageType = (typeof EBMessageType)[keyof typeof EBMessageType]
