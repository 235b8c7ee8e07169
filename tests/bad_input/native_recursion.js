// Deep recursion that re-enters the engine from native code (JSON.parse's reviver, a sort comparator,
// toJSON): Node throws a RangeError; it must never overflow the real stack and abort the process.
const kinds = {
  reviver() { JSON.parse('[1]', kinds.reviver); },
  comparator() { [2, 1].sort(kinds.comparator); },
  toJSON() { JSON.stringify({ toJSON: kinds.toJSON }); },
};
const kind = process.argv[2];
try {
  kinds[kind]();
} catch (e) {
  console.log(`${kind}: caught ${e.name}`);
}
console.log('uncaught next');
kinds[kind]();
