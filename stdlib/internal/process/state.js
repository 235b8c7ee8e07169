// Whether `process` exists yet. The loop's lifecycle hooks look here so that a program that never
// touched `process` pays nothing for it at exit.
module.exports = { process: undefined };
