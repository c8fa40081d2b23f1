// emittery (ESM, a class with async emit, async iterators, meta events and a mixin): the readme's examples in order,
// then emit against emitSerial with slow listeners, a subclass with arrow-function fields and a debug logger.
import Emittery from '../.work/vendor/emittery/index.js'

const delay = (ms) => new Promise(resolve => setTimeout(resolve, ms))

// --- readme: usage
{
  const emitter = new Emittery()
  emitter.on('🦄', data => { console.log(data) })
  const myUnicorn = Symbol('🦄')
  emitter.on(myUnicorn, data => { console.log(`Unicorns love ${data}`) })
  emitter.emit('🦄', '🌈')
  emitter.emit(myUnicorn, '🦋')
  console.log('emitted (listeners run later)')
  await delay(0)
}

// --- readme: meta events
{
  const emitter = new Emittery()
  emitter.on(Emittery.listenerAdded, ({ listener, eventName }) => {
    console.log('listenerAdded', eventName, String(listener))
  })
  emitter.on(Emittery.listenerRemoved, ({ eventName }) => console.log('listenerRemoved', eventName))
  const off = emitter.on('🦄', _data => {})
  off()
  await delay(0)
}

// --- readme: once, with a predicate
{
  const emitter = new Emittery()
  emitter.once('🦄').then(data => console.log('once 🦄', data))
  emitter.once(['🦄', '🐶']).then(data => console.log('once 🦄|🐶', data))
  emitter.once('data', data => data.ok === true).then(data => console.log('once data', data))
  emitter.emit('🦄', '🌈')
  emitter.emit('🐶', '🍖')
  emitter.emit('data', { ok: false })
  emitter.emit('data', { ok: true, value: 42 })
  await delay(0)
}

// --- readme: events() and anyEvent() iterators, for await with break
{
  const emitter = new Emittery()
  const iterator = emitter.events('🦄')
  emitter.emit('🦄', '🌈1')
  emitter.emit('🦄', '🌈2')
  await iterator.next()
    .then(({ value, done }) => { console.log('next', value, done); return iterator.next() })
    .then(({ value, done }) => { console.log('next', value, done); return iterator.return() })
    .then(({ done }) => console.log('return', done))

  const loop = emitter.events(['🦄', '🦊'])
  emitter.emit('🦄', '🌈1')
  emitter.emit('🦊', '🌈2')
  emitter.emit('🦄', '🌈3')
  for await (const data of loop) {
    console.log('for await', data)
    if (data === '🌈2') break
  }
  console.log('listeners left:', emitter.listenerCount('🦄'))

  const any = emitter.anyEvent()
  emitter.emit('🦄', '🌈1')
  emitter.emit('🌟', '🌈2')
  console.log('anyEvent', (await any.next()).value, (await any.next()).value, (await any.return()).done)
}

// --- emit (concurrent) against emitSerial (one after the other), errors, onAny, clearListeners
{
  console.log('--- emit vs emitSerial')
  const emitter = new Emittery()
  emitter.on('job', async (data) => { console.log(`  A start ${data}`); await delay(5); console.log(`  A end ${data}`) })
  emitter.on('job', (data) => { console.log(`  B sync ${data}`) })
  emitter.on('job', async (data) => { console.log(`  C start ${data}`); await null; console.log(`  C end ${data}`) })
  const offAny = emitter.onAny((name, data) => console.log(`  any ${String(name)} ${data}`))
  await emitter.emit('job', 'parallel')
  console.log('  emit resolved')
  await emitter.emitSerial('job', 'serial')
  console.log('  emitSerial resolved')
  offAny()
  emitter.on('boom', async () => { await null; throw new Error('listener failed') })
  emitter.on('boom', () => console.log('  the other listener still runs'))
  await emitter.emit('boom').catch(error => console.log(`  emit rejected: ${error.message}`))
  const pending = emitter.emit('job', 'cleared')
  emitter.clearListeners()
  await pending
  console.log(`  after clearListeners: ${emitter.listenerCount()} listeners`)
}

// --- a subclass with arrow-function fields, a mixin, and a debug logger
{
  console.log('--- subclass, mixin, debug')
  class Store extends Emittery {
    items = []
    add = async (item) => {
      this.items.push(item)
      await this.emit('added', { item, count: this.items.length })
      return this.items.length
    }
  }
  const store = new Store({
    debug: {
      name: 'store',
      enabled: true,
      logger: (type, debugName, eventName, eventData) => console.log(`  debug ${type} ${debugName} ${String(eventName)} ${JSON.stringify(eventData)}`)
    }
  })
  store.on('added', ({ item, count }) => console.log(`  added ${item} (${count})`))
  console.log('  counts', await store.add('x'), await store.add('y'))

  const Mixed = Emittery.mixin('emittery', ['on', 'emit'])(class Widget {
    ping () { return this.emit('ping', 'pong') }
  })
  const widget = new Mixed()
  widget.on('ping', data => console.log(`  widget got ${data}`))
  await widget.ping()
  console.log('  isDebugEnabled', Emittery.isDebugEnabled)
}
console.log('done')
