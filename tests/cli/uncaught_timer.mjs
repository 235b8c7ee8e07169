// Thrown synchronously from a callback: Node's report points at the `throw` statement.
setTimeout(function tick() {
  throw new TypeError('late');
}, 1);
