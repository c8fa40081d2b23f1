// Promise.all, Promise.race, Promise.allSettled and Promise.any over timer-backed promises, including rejections
function after(ms, value, fail = false) {
  return new Promise((resolve, reject) => {
    setTimeout(() => (fail ? reject(new Error(value)) : resolve(value)), ms);
  });
}

async function main() {
  const all = await Promise.all([after(40, 'slow'), after(10, 'fast'), 'plain value']); // await
  console.log(`all: ${all.join(' | ')}`); // queue: microtask

  try {
    await Promise.all([after(10, 'ok'), after(20, 'all-boom', true), after(60, 'late')]); // await
  } catch (err) {
    console.log(`all rejected: ${err.message}`); // queue: microtask
  }

  const winner = await Promise.race([after(150, 'tortoise'), after(15, 'hare')]); // await
  console.log(`race: ${winner}`); // queue: microtask

  const settled = await Promise.allSettled([after(10, 'fine'), after(20, 'settled-boom', true), 7]); // await
  console.log(`allSettled: ${settled.map((s) => (s.status === 'fulfilled' ? `ok ${s.value}` : `err ${s.reason.message}`)).join(', ')}`); // queue: microtask

  const any = await Promise.any([after(10, 'any-boom', true), after(30, 'first success'), after(60, 'second success')]); // await
  console.log(`any: ${any}`); // queue: microtask

  try {
    await Promise.any([after(10, 'e1', true), Promise.reject(new Error('e2'))]); // await
  } catch (err) {
    console.log(`any rejected: ${err.constructor.name} [${err.errors.map((e) => e.message).join(', ')}]`); // queue: microtask
  }
}

main().then(() => {
  console.log('combinators done'); // queue: microtask
});
console.log('main: combinators running'); // queue: main
