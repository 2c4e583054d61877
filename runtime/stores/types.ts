/** Stores as the context exposes them (PURISTA's names): each getter takes names and returns an object keyed by them. */
export interface StateStore {
  getState(...names: string[]): Promise<Record<string, unknown>>
  setState(name: string, value: unknown): Promise<void>
  removeState(name: string): Promise<void>
}

export interface ConfigStore {
  getConfig(...names: string[]): Promise<Record<string, unknown>>
}

export interface SecretStore {
  getSecret(...names: string[]): Promise<Record<string, unknown>>
}
