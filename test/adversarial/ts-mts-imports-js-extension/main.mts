// rule: an .mts file importing './util.mjs' and './plain.js' where util.mts and plain.ts exist, with top-level await
import { twice } from './util.mjs';
import { label } from './plain.js';

const n: number = await Promise.resolve(21);
console.log(label, twice(n));
