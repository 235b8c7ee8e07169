// node:fs/promises — each op runs natively and its promise settles in the poll phase, where Node
// settles file-system promises.

const fs = require('fs');
const native = binding.fs;

function promiseForm(sync) {
  return (...args) => new Promise((resolve, reject) => {
    let result;
    try {
      result = sync(...args);
    } catch (err) {
      native.complete(reject, [err]);
      return;
    }
    native.complete(resolve, [result]);
  });
}

const names = ['readFile', 'writeFile', 'appendFile', 'stat', 'lstat', 'access', 'mkdir', 'readdir', 'rm', 'rmdir',
  'unlink', 'rename', 'copyFile', 'realpath', 'readlink', 'symlink', 'chmod', 'truncate', 'mkdtemp'];

const promises = { constants: fs.constants };
for (const name of names) promises[name] = promiseForm(fs[`${name}Sync`]);

module.exports = promises;
