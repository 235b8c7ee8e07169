// Uncaught deep recursion on the main thread: Node prints the RangeError with its location and exits 1.
function down(n) {
  return down(n + 1) + 1;
}
console.log('recursing');
down(0);
