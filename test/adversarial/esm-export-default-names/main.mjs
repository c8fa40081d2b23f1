// rule: names of exported functions and classes: export default async function () {} and export default class {} are 'default'
import def, { named, arrow, K, gen } from './lib.mjs'
console.log(def.name, named.name, arrow.name, K.name, gen.name, (await import('./lib2.mjs')).default.name)
