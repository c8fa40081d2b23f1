// rule: arguments.callee in sloppy functions, Symbol.iterator on arguments and its toString tag
function who () { return arguments.callee === who }
function tag () { return Object.prototype.toString.call(arguments) }
function spread () { return [...arguments].reverse().join('') }
function strictCallee () { 'use strict'; try { return arguments.callee } catch (e) { return e.constructor.name } }

console.log(who(), tag(), spread(1, 2, 3), strictCallee())
