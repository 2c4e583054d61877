import { describe, expect, it } from 'vitest'
import * as zod from 'zod'
import * as lite from '../../runtime/zod-lite/zod.ts'
import { CLASSIC_ONLY_MEMBERS, LITE_EXPORTS } from './names.ts'

/** Every string-named member of an object and its prototypes, the built-ins' own left out. */
const membersOf = (value: object): string[] => {
  const names: string[] = []
  for (let p = value; p && p !== Object.prototype && p !== Error.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) names.push(...Reflect.ownKeys(p).filter((k): k is string => typeof k === 'string'))
  return names
}

/** The members of every schema a `z` can make: each of its functions is called with arguments of the common shapes. */
function schemaMembers(z: Record<string, unknown>): Set<string> {
  const s = (z.string as () => object)()
  const argumentLists: unknown[][] = [[], [s], [{}], [['a']], [[s, s]], ['a'], [s, s], [() => true], ['k', [(z.object as (shape: object) => object)({ k: (z.literal as (v: string) => object)('a') })]], [Date]]
  const names = new Set<string>()
  for (const [name, make] of Object.entries(z)) {
    if (typeof make !== 'function' || /^[A-Z$]/.test(name)) continue
    for (const args of argumentLists) {
      try {
        const made = make(...args)
        if (made instanceof Promise) made.catch(() => {})
        else if (made?._zod) membersOf(made).forEach((member) => names.add(member))
      } catch {
        // Not arguments this function takes.
      }
    }
  }
  const failed = (s as { safeParse: (v: unknown) => { error: object } }).safeParse(1).error
  membersOf(failed).forEach((member) => names.add(member))
  return names
}

describe('what the build knows of zod-lite', () => {
  it('LITE_EXPORTS are the names zod-lite exports, each also a name of zod', () => {
    expect(new Set(Object.keys(lite))).toStrictEqual(LITE_EXPORTS)
    expect(new Set([...Object.keys(lite.z), 'z', 'default'])).toStrictEqual(LITE_EXPORTS)
    for (const name of LITE_EXPORTS) expect(zod, name).toHaveProperty(name)
  })

  it('CLASSIC_ONLY_MEMBERS are exactly the members of zod classic schemas that zod-lite schemas lack', () => {
    const classic = schemaMembers(zod.z as never)
    const small = schemaMembers(lite.z as never)
    expect([...small].filter((name) => !classic.has(name))).toStrictEqual([])
    expect(new Set([...classic].filter((name) => !small.has(name)))).toStrictEqual(CLASSIC_ONLY_MEMBERS)
  })
})
