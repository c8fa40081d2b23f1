#!/usr/bin/env node
// rule: an entry file that starts with a shebang line runs, and its line numbers are unchanged
const line = new Error('where').stack.split('\n')[1].replace(__dirname, '<dir>')
async function main () { await null; console.log('shebang ok', line) }
main()
