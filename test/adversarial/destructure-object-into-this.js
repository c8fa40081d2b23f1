// rule: ({ host: this.host } = d) destructuring into members, in an async method after an await
class Conn {
  async configure (load) {
    const d = await load()
    ;({ host: this.host, port: this.port = 80, ...this.extra } = d)
    return `${this.host}:${this.port} ${JSON.stringify(this.extra)}`
  }
}

new Conn().configure(async () => ({ host: 'example', tls: true, retries: 2 }))
  .then(s => console.log(s))
