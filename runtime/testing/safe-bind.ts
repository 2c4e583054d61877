/**
 * PURISTA's helper to run a function as its service would: `this` bound to the service, its
 * parameter types kept. `safeBind(getUser.getCommandFunction(), service)(context.mock, payload, parameter)`.
 */
export const safeBind = <This, Args extends unknown[], Return>(fn: (this: This, ...args: Args) => Return, thisArg: This): ((...args: Args) => Return) => fn.bind(thisArg)
