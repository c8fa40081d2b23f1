// the spawned file: prints its mode, its execArgv and whether it can see an IPC channel
console.log('worker', process.argv[2], JSON.stringify(process.execArgv), typeof process.send)
