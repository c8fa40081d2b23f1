// rule: the tracer patches nothing the program can see: timers, process.emit, stdout.write, Promise, Module internals are Node's own
// known difference (Node 20, 22, 24): process.emit is a wrapper on process's prototype and process.stdout/stderr have own write and end wrappers: that is how exits, crashes, unhandled rejections and output are seen without a listener
const fs = require('node:fs')
const timers = require('node:timers')
const { EventEmitter } = require('node:events')
const { Writable } = require('node:stream')
const desc = (o, k) => { const d = Object.getOwnPropertyDescriptor(o, k); return d ? [d.writable, d.enumerable, d.configurable, typeof d.get].join('/') : 'none' }
console.log(setTimeout === timers.setTimeout, setImmediate === timers.setImmediate, setInterval === timers.setInterval)
console.log(process.emit === EventEmitter.prototype.emit, Object.hasOwn(process, 'emit'), Object.hasOwn(process.stdout, 'write'), process.stdout.write === Writable.prototype.write)
console.log(Promise.prototype.then.name, Promise.prototype.then.length, Promise.name, Promise.length, Object.hasOwn(Promise.prototype, 'then'))
console.log(process.nextTick.name, process.nextTick.length, queueMicrotask.name, setTimeout.name, fs.writeSync.name, fs.writeSync.length)
console.log(desc(globalThis, 'setTimeout'), desc(globalThis, 'Promise'), desc(globalThis, 'queueMicrotask'), desc(process, 'exit'), desc(process, 'emit'))
console.log(process.exit.name, process.exit.length, process.reallyExit?.name, process.on === EventEmitter.prototype.on, process.kill.name)
console.log(String(Promise.prototype.then).includes('[native code]'), String(Function.prototype.call).includes('[native code]'), String(Array.prototype.push).includes('[native code]'), String(Reflect.apply).includes('[native code]'))
console.log(require('node:module').prototype._compile.name, typeof require('node:module')._load, require('node:module')._load.name)
const ah = require('node:async_hooks'); console.log(ah.createHook.name, typeof ah.executionAsyncResource)
