// node:console — the global console object, with the Console class on it (`require('console').Console`), as in
// Node, where `require('console') === globalThis.console`.

const { Console } = require('internal/console');

const globalConsole = globalThis.console;
if (globalConsole.Console === undefined) globalConsole.Console = Console;

module.exports = globalConsole;
