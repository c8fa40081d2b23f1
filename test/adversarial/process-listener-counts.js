// rule: process listener counts, event names and max listeners are the untraced ones, before and after an await
const events = ['exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning', 'SIGINT', 'SIGTERM', 'message', 'disconnect', 'newListener', 'removeListener']
const snapshot = () => events.map(e => e + '=' + process.listenerCount(e)).join(' ')

console.log(snapshot())
console.log(JSON.stringify(process.eventNames().map(String).sort()), process.getMaxListeners())
process.on('exit', () => console.log('exit listeners', process.listenerCount('exit')))

async function main () {
  await null
  await new Promise(resolve => setTimeout(resolve, 1))
  console.log(snapshot())
}

main()
