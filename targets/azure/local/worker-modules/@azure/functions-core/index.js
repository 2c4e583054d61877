// A stand-in for '@azure/functions-core', the module the Azure Functions Node worker provides to the
// @azure/functions library (it is no npm package). A process that puts this folder on NODE_PATH
// loads a Functions app the way the worker does: the library hands it its programming model and
// every function's metadata (the bindings the host would receive) and callback, which the local
// host and the tests read back through registeredFunctions() and programmingModel().
'use strict'

const functions = []
let model

module.exports = {
  // The worker's API, as much of it as the library calls.
  setProgrammingModel(programmingModel) {
    model = programmingModel
  },
  getProgrammingModel() {
    return model
  },
  registerFunction(metadata, callback) {
    if (functions.some((fn) => fn.metadata.name === metadata.name)) throw new Error(`A function with the name "${metadata.name}" has already been registered.`)
    const registered = { metadata, callback }
    functions.push(registered)
    return { dispose: () => functions.splice(functions.indexOf(registered), 1) }
  },
  registerHook() {
    return { dispose() {} }
  },
  log(level, category, message) {
    if (level === 'error' || level === 'critical') process.stderr.write(`${message}\n`)
  },

  // Not the worker's: what the local host and the tests read.
  registeredFunctions: () => functions,
  programmingModel: () => model,
}
