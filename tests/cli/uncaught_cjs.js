function inner() { throw new Error('boom'); } // line 1: columns must not count the CommonJS wrapper
function outer() { inner(); }
outer();
