function inner() { throw new Error('boom'); } // Node's report points at the error's first frame (module evaluation)
function outer() { inner(); }
outer();
