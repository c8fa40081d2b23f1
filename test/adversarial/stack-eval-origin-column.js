// rule: code made by eval or new Function names where it was made at its original line and column (V8 gives that position as the running code has it, unmapped)
function make (n) {
  const add = new Function('a', 'return a + missing')
  try { add(n) } catch (err) { console.log(err.stack.split('\n')[1].replace(__dirname, '<dir>')) }
  if (n > 0) {
    try { eval('missing + n') } catch (err) { console.log(err.stack.split('\n')[1].replace(__dirname, '<dir>')) }
  }
}
make(1)
