// Node 20's spec reporter (what `node file.test.js` prints on a terminal): one line per test with a
// symbol (✔ pass, ✖ fail, ﹣ skipped), its duration and directive, the error inspected under a
// failure, '▶ name' before a test's subtests, 'ℹ' diagnostics, and at the end a list of the failing
// tests with their locations. Colours are used when stderr is a colour terminal, as in Node.

'use strict';

const process = require('process');

const kSymbols = {
  'test:pass': '\u2714 ',
  'test:fail': '\u2716 ',
  'test:diagnostic': '\u2139 ',
  'arrow:right': '\u25B6 ',
  'hyphen:minus': '\uFE63 ',
};

function palette() {
  const stderr = process.stderr;
  const enabled = Boolean(stderr.isTTY) && (typeof stderr.getColorDepth !== 'function' || stderr.getColorDepth() > 2);
  const code = (value) => (enabled ? value : '');
  return {
    enabled,
    white: code('\u001b[39m'),
    gray: code('\u001b[90m'),
    green: code('\u001b[32m'),
    red: code('\u001b[31m'),
    blue: code('\u001b[34m'),
  };
}

function indent(nesting) {
  return '  '.repeat(Math.max(nesting, 0));
}

class SpecFormatter {
  // `test:start` events not yet matched by a result, latest first; tests announced with '▶' because
  // a subtest reported before them, latest first; failures for the final list.
  #started = [];
  #announced = [];
  #failed = [];
  #colors = palette();

  handle({ type, data }) {
    switch (type) {
      case 'test:start':
        this.#started.unshift(data);
        return '';
      case 'test:fail':
        if (data.details?.error?.failureType !== 'subtestsFailed') this.#failed.push(data);
        return this.#result(type, data);
      case 'test:pass':
        return this.#result(type, data);
      case 'test:diagnostic':
        return `${this.#colors.blue}${indent(data.nesting)}${kSymbols[type]}${data.message}${this.#colors.white}\n`;
      case 'test:stdout':
      case 'test:stderr':
        return data.message;
      default:
        return '';
    }
  }

  #result(type, data) {
    this.#started.shift();
    // Whatever is still open is an ancestor that has not been shown: announce it, outermost first.
    let prefix = '';
    while (this.#started.length > 0) {
      const parent = this.#started.pop();
      this.#announced.unshift(parent);
      prefix += `${indent(parent.nesting)}${kSymbols['arrow:right']}${parent.name}\n`;
    }
    let hasChildren = false;
    const first = this.#announced[0];
    if (first !== undefined && first.nesting === data.nesting && first.name === data.name) {
      this.#announced.shift();
      hasChildren = true;
    }
    return `${this.#format(type, data, prefix, indent(data.nesting), hasChildren)}\n`;
  }

  #format(type, data, prefix = '', pad = '', hasChildren = false) {
    const colors = this.#colors;
    let color = type === 'test:pass' ? colors.green : colors.red;
    let symbol = kSymbols[type];
    const duration = data.details?.duration_ms ? ` ${colors.gray}(${data.details.duration_ms}ms)${colors.white}` : '';
    let title = `${data.name}${duration}`;
    if (data.skip !== undefined) {
      title += ` # ${typeof data.skip === 'string' && data.skip.length > 0 ? data.skip : 'SKIP'}`;
      color = colors.gray;
      symbol = kSymbols['hyphen:minus'];
    } else if (data.todo !== undefined) {
      title += ` # ${typeof data.todo === 'string' && data.todo.length > 0 ? data.todo : 'TODO'}`;
    }
    const error = this.#error(data.details?.error, pad);
    let shown = error;
    if (hasChildren) shown = !error || data.details.error.failureType === 'subtestsFailed' ? '' : `\n${error}`;
    return `${prefix}${pad}${color}${symbol}${title}${colors.white}${shown}`;
  }

  #error(error, pad) {
    if (error === undefined) return '';
    const text = this.#colors.enabled ? error.inspectedColors : error.inspected;
    return `\n${pad}  ${text.split(/\r?\n/).join(`\n${pad}  `)}\n`;
  }

  summary() {
    if (this.#failed.length === 0) return '';
    const colors = this.#colors;
    const parts = [`\n${colors.red}${kSymbols['test:fail']}failing tests:${colors.white}\n`];
    const { relative } = require('path');
    for (const data of this.#failed) {
      parts.push(`test at ${relative(process.cwd(), String(data.file))}:${data.line}:${data.column}`);
      parts.push(this.#format('test:fail', data));
    }
    return parts.join('\n');
  }
}

async function* specReporter(source) {
  const formatter = new SpecFormatter();
  for await (const event of source) {
    const text = formatter.handle(event);
    if (text.length > 0) yield text;
  }
  const summary = formatter.summary();
  if (summary.length > 0) yield summary;
}

module.exports = specReporter;
