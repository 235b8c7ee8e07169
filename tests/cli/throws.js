function fail() {
  throw new TypeError('bad input');
}
fail();
