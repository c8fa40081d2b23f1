// unhandled rejections that the program's own listener takes
process.on('unhandledRejection', (r) => console.log('listener saw', r.message));
for (let i = 0; i < 3; i++) Promise.reject(new Error('again'));
Promise.resolve(1).then(() => { throw new Error('in then'); });
