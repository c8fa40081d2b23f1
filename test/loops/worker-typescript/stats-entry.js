// the worker's entry: the TypeScript file itself, through whatever compiles .ts in this process
require('./stats.cts')
