// rule: a callsites-style helper (captureStackTrace with a prepareStackTrace that returns the call sites) finds its caller's line
function callsites () {
  const saved = Error.prepareStackTrace
  try {
    let result = []
    Error.prepareStackTrace = (_, sites) => {
      result = sites.slice(1)
      return sites
    }
    const holder = {}
    Error.captureStackTrace(holder, callsites)
    void holder.stack
    return result
  } finally {
    Error.prepareStackTrace = saved
  }
}

function whereAmI () {
  const caller = callsites()[1]
  return `${caller.getFunctionName()} at line ${caller.getLineNumber()}`
}

function logger (message) {
  const where = whereAmI(
  )
  return `${message} (${where})`
}

const handler = {
  handle () {
    return logger(
      'handled'
    )
  },
}

console.log(logger('start'))
console.log(handler.handle())
setTimeout(() => {
  console.log(
    logger('timer')
  )
}, 1)
