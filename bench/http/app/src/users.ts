import { ServiceBuilder } from 'purista'
import { z } from 'zod'
import { inputSchema, outputSchema, register } from '../../work.ts'

export const userBuilder = new ServiceBuilder({ serviceName: 'User', serviceVersion: '1', serviceDescription: 'bench' })

const registerUser = userBuilder
  .getCommandBuilder('registerUser', 'validated POST')
  .addPayloadSchema(inputSchema)
  .addParameterSchema(z.object({}))
  .addOutputSchema(outputSchema)
  .exposeAsHttpEndpoint('POST', 'users')
  .setCommandFunction(async (_context, payload) => register(payload))

export const userService = userBuilder.addCommandDefinition(registerUser.getDefinition())
