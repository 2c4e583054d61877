/** The config file every command reads unless told otherwise. */
export const CONFIG_FILE = 'purista.config.ts'
