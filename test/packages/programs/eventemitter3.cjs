// eventemitter3 (CommonJS, ES5 prototypes, `arguments` switches, a context argument): the readme's API, listeners
// that schedule nextTicks, microtasks, immediates and timers while an emit is running, and removal during an emit.
'use strict'

const EventEmitter = require('../.work/vendor/eventemitter3/index.js')

const log = (...args) => console.log(...args)

// --- the readme: on/once/emit with a context, prefixed names, eventNames, listenerCount
const emitter = new EventEmitter()
const context = { name: 'ctx' }
emitter.on('data', function (a, b) { log('on data', a, b, this.name) }, context)
emitter.once('data', function (...args) { log('once data', args.length, this === emitter) })
emitter.on(Symbol.for('sym'), (x) => log('symbol event', x))
log('emit returned', emitter.emit('data', 1, 2))
log('emit again', emitter.emit('data', 3))
log('emit nothing', emitter.emit('nothing'))
emitter.emit(Symbol.for('sym'), 'hi')
log('eventNames', emitter.eventNames().map(String))
log('listenerCount data', emitter.listenerCount('data'), 'listeners', emitter.listeners('data').length)
log('prefixed', EventEmitter.prefixed, 'has __proto__ event?', emitter.emit('__proto__'))

// --- arities: eventemitter3 has a fast path per argument count
const arity = new EventEmitter()
arity.on('n', (...args) => log(`arity ${args.length}: ${args.join(',')}`))
arity.on('n', function () { log(`  second listener sees ${arguments.length}`) })
arity.emit('n')
arity.emit('n', 1)
arity.emit('n', 1, 2)
arity.emit('n', 1, 2, 3)
arity.emit('n', 1, 2, 3, 4)
arity.emit('n', 1, 2, 3, 4, 5, 6)

// --- removal and additions while an emit is running: the listener array is copied
const live = new EventEmitter()
function first () {
  log('first: removes second, adds third')
  live.removeListener('go', second)
  live.on('go', third)
}
function second () { log('second (still runs in this emit)') }
function third () { log('third (runs from the next emit)') }
live.on('go', first)
live.on('go', second)
live.emit('go')
log('after one emit, listeners:', live.listeners('go').map((f) => f.name).join(','))
live.removeListener('go', first)
live.emit('go')
live.removeAllListeners()
log('after removeAllListeners:', live.eventNames().length)

// --- async work scheduled from listeners: which queue runs first (no timers here: a 1 ms timer against an immediate
// is a race in Node itself)
const bus = new EventEmitter()
bus.on('tick', (n) => {
  log(`tick ${n} sync`)
  process.nextTick(() => log(`tick ${n} nextTick`))
  Promise.resolve().then(() => log(`tick ${n} microtask`))
  setImmediate(() => {
    log(`tick ${n} immediate`)
    if (n < 2) bus.emit('tick', n + 1)
    else setTimeout(roomActivity, 5)
  })
})
bus.once('tick', async (n) => {
  log(`async once ${n} before await`)
  await null
  log(`async once ${n} after await`)
  bus.emit('late', 'from a coroutine')
})
bus.on('late', (what) => log(`late ${what}`))
bus.emit('tick', 0)
log('end of main')

// --- a subclass with arrow-function fields, as an application writes them
class Room extends EventEmitter {
  members = new Set()
  join = (who) => {
    this.members.add(who)
    this.emit('joined', who, this.members.size)
  }

  leave (who) {
    this.members.delete(who)
    this.emit('left', who)
  }
}
const room = new Room()
room.on('joined', (who, size) => log(`joined ${who} (${size})`))
room.on('left', (who) => log(`left ${who}`))
function roomActivity () {
  ;['ann', 'bo'].forEach(room.join)
  room.leave('ann')
}
