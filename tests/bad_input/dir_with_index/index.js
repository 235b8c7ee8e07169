// `rt dir_with_index` runs this file, as `node dir_with_index` does (tests/bad_input.rs).
console.log('index.js ran');
