// Run by tests/embed.rs through rt's library API with a fixed working directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { triple } from 'numbers';

console.log('cwd', process.cwd() === process.env.EXPECTED_CWD);
console.log('argv', process.argv.slice(2).join(' '));
console.log('triple', triple(5));
console.log('read', readFileSync(join(process.cwd(), 'data.txt'), 'utf8').trim());
try {
  process.chdir('/');
} catch (err) {
  console.log('chdir', err.code);
}
