let state = 0
const o = {
  v: 'o',
  f () { return this && this.v },
  tag (s) { return this.v + s[0] },
}
class Base { async m () { return 'base ' + this.k } }
class Derived extends Base {
  constructor () { super(); this.k = 'd' }
  async m () { state++; return 'derived+' + (await super.m()) }
}
async function main () {
  state = 1
  log((o.f)(), o?.f(), o.f?.(), o.tag`x`, (0, o.f)())
  log(await new Derived().m(), state)
  try { o.missing() } catch (e) { log(e.message) }
  try { o.v.missing() } catch (e) { log(e.message) }
}
main()
