// Node 20's TAP reporter (what `node file.test.js` prints when stdout is not a terminal): TAP version
// 13 with subtests indented four spaces per level, '# Subtest:' before each test, and a YAML block
// after each result (duration_ms, type for suites, and for a failure its location and error fields).

'use strict';

function inspect(value) {
  return require('internal/inspect').inspect(value, { colors: false, breakLength: Infinity });
}

function indent(nesting) {
  return '    '.repeat(Math.max(nesting, 0));
}

// Node escapes names, reasons and diagnostics: a backslash doubled, '#' as '\#', and control
// characters as a backslash (itself doubled) and a letter.
const kEscapes = new Map([
  ['\\', '\\\\'], ['#', '\\#'], ['\n', '\\\\n'], ['\t', '\\\\t'], ['\r', '\\\\r'],
  ['\b', '\\\\b'], ['\v', '\\\\v'], ['\f', '\\\\f'],
]);

function escape(text) {
  return String(text).replace(/[\\#\n\t\r\b\v\f]/g, (char) => kEscapes.get(char));
}

function directive(data) {
  if (data.skip !== undefined) {
    return typeof data.skip === 'string' && data.skip.length > 0 ? ` # SKIP ${escape(data.skip)}` : ' # SKIP';
  }
  if (data.todo !== undefined) {
    return typeof data.todo === 'string' && data.todo.length > 0 ? ` # TODO ${escape(data.todo)}` : ' # TODO';
  }
  return '';
}

// One `key: value` of the YAML block, for a value tree from internal/test_runner/failure. `key` null
// means the object's properties go straight into the block.
function yaml(pad, key, tree) {
  if (tree === undefined) return '';
  const prefix = `${pad}  ${key}:`;
  switch (tree.t) {
    case 'null':
      return `${prefix} ~\n`;
    case 'lit':
      return `${prefix} ${tree.v}\n`;
    case 'circular':
      return `${prefix} <Circular>\n`;
    case 'str': {
      const lines = tree.v.split(/\r?\n/);
      if (lines.length === 1) return `${prefix} ${inspect(tree.v)}\n`;
      return `${prefix} |-\n${lines.map((line) => `${pad}    ${line}\n`).join('')}`;
    }
    default:
      break;
  }
  let text = '';
  let inner = pad;
  if (key !== null) {
    text += prefix + (tree.date !== undefined ? ` ${tree.date}` : '') + '\n';
    inner += '  ';
  }
  for (const [name, value] of tree.entries) text += yaml(inner, name, value);
  if (tree.error !== undefined) text += errorYaml(pad, tree.error);
  return text;
}

function errorYaml(pad, fields) {
  let text = yaml(pad, 'error', fields.message);
  text += yaml(pad, 'code', fields.code);
  text += yaml(pad, 'name', fields.name);
  if (fields.assertion !== undefined) {
    text += yaml(pad, 'expected', fields.assertion.expected);
    text += yaml(pad, 'actual', fields.assertion.actual);
    text += yaml(pad, 'operator', fields.assertion.operator);
  }
  if (fields.stack !== undefined) {
    // Only the `    at ...` lines, without that prefix.
    const frames = [];
    for (const line of fields.stack.split(/\r?\n/)) {
      const frame = line.replace(/^ {4}at /, '');
      if (frame.length > 0 && frame.length !== line.length) frames.push(frame);
    }
    if (frames.length > 0) text += `${pad}  stack: |-\n${frames.map((frame) => `${pad}    ${frame}\n`).join('')}`;
  }
  return text;
}

function details(nesting, data, withLocation) {
  const pad = indent(nesting);
  const { details: info = {} } = data;
  let text = `${pad}  ---\n`;
  text += `${pad}  duration_ms: ${inspect(info.duration_ms)}\n`;
  if (info.type !== undefined) text += `${pad}  type: ${inspect(info.type)}\n`;
  if (withLocation && data.file !== undefined) {
    text += `${pad}  location: ${inspect(`${data.file}:${data.line}:${data.column}`)}\n`;
  }
  if (info.error !== undefined) text += yaml(pad, null, info.error.yaml);
  return `${text}${pad}  ...\n`;
}

function report(type, data) {
  const pad = indent(data.nesting);
  const ok = type === 'test:pass' ? 'ok' : 'not ok';
  const line = `${pad}${ok} ${data.testNumber} - ${escape(data.name)}${directive(data)}\n`;
  return line + details(data.nesting, data, type === 'test:fail');
}

async function* tapReporter(source) {
  yield 'TAP version 13\n';
  for await (const { type, data } of source) {
    switch (type) {
      case 'test:start':
        yield `${indent(data.nesting)}# Subtest: ${escape(data.name)}\n`;
        break;
      case 'test:pass':
      case 'test:fail':
        yield report(type, data);
        break;
      case 'test:plan':
        yield `${indent(data.nesting)}1..${data.count}\n`;
        break;
      case 'test:diagnostic':
        yield `${indent(data.nesting)}# ${escape(data.message)}\n`;
        break;
      case 'test:stdout':
      case 'test:stderr':
        for (const line of data.message.split(/\r?\n/)) {
          if (line.length > 0) yield `# ${escape(line)}\n`;
        }
        break;
      default:
        break;
    }
  }
}

module.exports = tapReporter;
