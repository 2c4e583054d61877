// `node --import <this file>`: installs resolve-hook.mjs with purista's folder as the fallback.
import { register } from 'node:module'

register('./resolve-hook.mjs', import.meta.url, { data: { fallbackParent: new URL('../../../package.json', import.meta.url).href } })
