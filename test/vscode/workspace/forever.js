// Never ends on its own: the tests cancel it.
setInterval(() => console.log('tick'), 50);
