// required mid-run: its import() is the program's first
exports.load = async () => (await import('./late-esm.mjs')).value();
