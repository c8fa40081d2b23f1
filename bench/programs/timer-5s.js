// A program that mostly waits: one 5 s timer (the whole command should cost little more than the wait).
const started = Date.now();
setTimeout(() => console.log(`waited ${Math.round((Date.now() - started) / 1000)} s`), 5000);
