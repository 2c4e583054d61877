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

/**
 * The members of every schema a `z` can make, by how it was made: each of its functions is called
 * with arguments of the common shapes. The error `.parse` throws counts as one more.
 */
function schemaMembers(z: Record<string, unknown>): Map<string, Set<string>> {
  const s = (z.string as () => object)()
  const argumentLists: unknown[][] = [[], [s], [{}], [['a']], [[s, s]], ['a'], [s, s], [() => true], ['k', [(z.object as (shape: object) => object)({ k: (z.literal as (v: string) => object)('a') })]], [Date]]
  const made = new Map<string, Set<string>>()
  for (const [name, make] of Object.entries(z)) {
    if (typeof make !== 'function' || /^[A-Z$]/.test(name)) continue
    argumentLists.forEach((args, i) => {
      try {
        const schema = make(...args)
        if (schema instanceof Promise) schema.catch(() => {})
        else if (schema?._zod) made.set(`${name} ${i}`, new Set(membersOf(schema)))
      } catch {
        // Not arguments this function takes.
      }
    })
  }
  made.set('error', new Set(membersOf((s as { safeParse: (v: unknown) => { error: object } }).safeParse(1).error)))
  return made
}

describe('what the build knows of zod-lite', () => {
  it('LITE_EXPORTS are the names zod-lite exports, each also a name of zod', () => {
    expect(new Set(Object.keys(lite))).toStrictEqual(LITE_EXPORTS)
    expect(new Set([...Object.keys(lite.z), 'z', 'default'])).toStrictEqual(LITE_EXPORTS)
    for (const name of LITE_EXPORTS) expect(zod, name).toHaveProperty(name)
  })

  it('CLASSIC_ONLY_MEMBERS are exactly what zod classic schemas have and the zod-lite ones made alike lack', () => {
    const classic = schemaMembers(zod.z as never)
    const small = schemaMembers(lite.z as never)
    const everyLite = new Set([...small.values()].flatMap((members) => [...members]))
    const lacking = new Set<string>()
    for (const [made, members] of classic) for (const member of members) if (!(small.get(made) ?? everyLite).has(member)) lacking.add(member)
    // Nothing the other way: a zod-lite schema has only what zod's does.
    for (const [made, members] of small) expect([...members].filter((member) => !classic.get(made)!.has(member)), made).toStrictEqual([])
    expect(lacking).toStrictEqual(CLASSIC_ONLY_MEMBERS)
  })
})
