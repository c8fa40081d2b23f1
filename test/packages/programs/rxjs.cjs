// rxjs (CommonJS, its TypeScript-compiled dist/cjs with tslib helpers and source maps): Observables on the real
// schedulers (queue, asap, async), higher-order operators over timers, Subjects, promises in and out, errors and
// retry, and a marble test on the TestScheduler the package ships.
'use strict'

const rx = require('../.work/vendor/rxjs/dist/cjs/index.js')
const { TestScheduler } = require('../.work/vendor/rxjs/dist/cjs/testing/index.js')
const {
  Observable, Subject, BehaviorSubject, ReplaySubject, of, from, interval, timer, merge, concat, defer, throwError,
  firstValueFrom, lastValueFrom, asapScheduler, asyncScheduler, queueScheduler
} = rx
const { map, filter, take, mergeMap, concatMap, switchMap, exhaustMap, observeOn, subscribeOn, tap, catchError, retry, scan, toArray, delay, debounceTime, finalize, share } = rx

const log = (...args) => console.log(...args)
const parts = []
const part = (title, run) => parts.push({ title, run })

part('schedulers against the event loop', () => new Promise((resolve) => {
  of('queue').pipe(observeOn(queueScheduler)).subscribe((v) => log(`  ${v} (synchronous)`))
  of('asap').pipe(observeOn(asapScheduler)).subscribe((v) => log(`  ${v}`))
  Promise.resolve().then(() => log('  a promise microtask'))
  process.nextTick(() => log('  nextTick'))
  setImmediate(() => {
    log('  setImmediate')
    of('async').pipe(observeOn(asyncScheduler)).subscribe({ next: (v) => log(`  ${v} (a timer set in the immediate)`), complete: resolve })
  })
  of('subscribeOn asap').pipe(subscribeOn(asapScheduler)).subscribe((v) => log(`  ${v}`))
  log('  end of synchronous part')
}))

part('a custom Observable with teardown', () => new Promise((resolve) => {
  const ticks = new Observable((subscriber) => {
    let n = 0
    log('  subscribed')
    const id = setInterval(() => {
      n++
      log(`  producing ${n}`)
      subscriber.next(n)
      if (n === 4) subscriber.complete()
    }, 5)
    return () => { clearInterval(id); log('  teardown') }
  })
  ticks.pipe(filter((n) => n % 2 === 0), map((n) => n * 10), finalize(() => { log('  finalize'); resolve() }))
    .subscribe({ next: (v) => log(`  got ${v}`), complete: () => log('  complete') })
}))

part('higher-order operators over timers', async () => {
  const source = () => of(1, 2, 3)
  const inner = (n) => timer(n === 1 ? 300 : 10).pipe(map(() => `inner ${n}`))
  log('  mergeMap', await lastValueFrom(source().pipe(mergeMap(inner), toArray())))
  log('  concatMap', await lastValueFrom(source().pipe(concatMap(inner), toArray())))
  log('  switchMap', await lastValueFrom(interval(20).pipe(take(3), switchMap((n) => timer(n === 2 ? 1 : 5000).pipe(map(() => `switched ${n}`))), toArray())))
  log('  merge', await lastValueFrom(merge(timer(300).pipe(map(() => 'late')), of('now'), timer(1).pipe(map(() => 'soon'))).pipe(toArray())))
  log('  concat + delay', await lastValueFrom(concat(of('a').pipe(delay(20)), of('b'), defer(() => Promise.resolve('c'))).pipe(toArray())))
  log('  debounceTime', await lastValueFrom(concat(of(1, 2, 3), timer(300).pipe(map(() => 4))).pipe(debounceTime(30), toArray())))
})

part('subjects', async () => {
  const subject = new Subject()
  subject.subscribe((v) => log(`  A got ${v}`))
  subject.next(1)
  subject.subscribe((v) => log(`  B got ${v}`))
  subject.next(2)
  const behavior = new BehaviorSubject('initial')
  behavior.subscribe((v) => log(`  behavior ${v}`))
  behavior.next('next')
  const replay = new ReplaySubject(2)
  replay.next('r1'); replay.next('r2'); replay.next('r3')
  replay.subscribe((v) => log(`  replay ${v}`))
  const shared = interval(5).pipe(take(3), tap((n) => log(`  source ${n}`)), share())
  const both = Promise.all([lastValueFrom(shared.pipe(toArray())), lastValueFrom(shared.pipe(scan((a, b) => a + b, 0)))])
  log('  shared', JSON.stringify(await both))
})

part('promises in and out, errors, retry', async () => {
  log('  firstValueFrom', await firstValueFrom(from(Promise.resolve('from a promise'))))
  let attempts = 0
  const flaky = defer(async () => {
    attempts++
    log(`  attempt ${attempts}`)
    if (attempts < 3) throw new Error(`failure ${attempts}`)
    return `success after ${attempts}`
  })
  log('  retried', await firstValueFrom(flaky.pipe(retry({ count: 5, delay: 5 }))))
  const caught = await firstValueFrom(throwError(() => new Error('boom')).pipe(catchError((err) => of(`caught ${err.message}`))))
  log(' ', caught)
  try {
    await lastValueFrom(of().pipe(take(1)))
  } catch (err) {
    log(`  lastValueFrom of nothing: ${err.name}`)
  }
})

part('a marble test on the TestScheduler', () => {
  const scheduler = new TestScheduler((actual, expected) => {
    log(`  marbles equal: ${JSON.stringify(actual) === JSON.stringify(expected)}`)
  })
  scheduler.run(({ cold, expectObservable }) => {
    const source = cold('-a--b--c---|')
    expectObservable(source.pipe(debounceTime(2))).toBe('---a--b--c-|')
    expectObservable(source.pipe(map((v) => v.toUpperCase()))).toBe('-A--B--C---|')
    expectObservable(source.pipe(exhaustMap((v) => cold('--x|', { x: v })))).toBe('---a-----c-|') // b arrives as a's inner completes: dropped
  })
})

;(async () => {
  for (const { title, run } of parts) {
    log(`--- ${title}`)
    await run()
  }
  log('done')
})()
