// the background child: prints after the parent has exited
setTimeout(() => console.log('background child: still alive after the parent exited'), 300)
