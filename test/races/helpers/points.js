// Synchronous helpers for r23 and s28, in a module with no async code of its own: what they read and write belongs
// to the coroutine whose step called them.
'use strict';

function pointsOf(account) {
  return account.points; // read
}

function setPoints(account, value) {
  account.points = value; // write
}

module.exports = { pointsOf, setPoints };
