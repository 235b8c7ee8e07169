// Counts primes by trial division (used by worker_speedup). The range [2, limit) is cut into
// blocks of `block` numbers dealt round-robin to `of` workers; this one takes the blocks whose
// index is `index` modulo `of`, so every worker gets the same mix of small and large numbers.
import { parentPort } from 'node:worker_threads';

function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

parentPort.on('message', ({ limit, index, of, block }) => {
  let count = 0;
  for (let start = index * block; start < limit; start += of * block) {
    const end = Math.min(start + block, limit);
    for (let n = start; n < end; n++) {
      if (isPrime(n)) count++;
    }
  }
  parentPort.postMessage(count);
});
parentPort.postMessage('ready');
