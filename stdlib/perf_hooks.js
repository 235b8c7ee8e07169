// node:perf_hooks: the `performance` clock. Marks and measures keep Node's shapes.

const { timers } = binding;
const entries = [];

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name;
    this.entryType = entryType;
    this.startTime = startTime;
    this.duration = duration;
    this.detail = detail ?? null;
  }

  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }
}

class PerformanceMark extends PerformanceEntry {}
class PerformanceMeasure extends PerformanceEntry {}

const performance = {
  now: () => timers.performanceNow(),
  get timeOrigin() {
    return timers.timeOrigin();
  },
  mark(name, options = {}) {
    const mark = new PerformanceMark(String(name), 'mark', options.startTime ?? timers.performanceNow(), 0, options.detail);
    entries.push(mark);
    return mark;
  },
  measure(name, start, end) {
    const lookup = (ref, fallback) => {
      if (ref === undefined) return fallback;
      if (typeof ref === 'number') return ref;
      const found = entries.findLast((e) => e.name === ref && e.entryType === 'mark');
      if (!found) throw new SyntaxError(`The "${ref}" performance mark has not been set`);
      return found.startTime;
    };
    let options = {};
    if (start !== null && typeof start === 'object') {
      options = start;
      ({ start, end } = options);
    }
    const startTime = lookup(start, 0);
    const endTime = lookup(end, timers.performanceNow());
    const measure = new PerformanceMeasure(String(name), 'measure', startTime, endTime - startTime, options.detail);
    entries.push(measure);
    return measure;
  },
  getEntries: () => entries.slice(),
  getEntriesByName: (name, type) => entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)),
  getEntriesByType: (type) => entries.filter((e) => e.entryType === type),
  clearMarks(name) {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === 'mark' && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
    }
  },
  clearMeasures(name) {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === 'measure' && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
    }
  },
  toJSON() {
    return { timeOrigin: this.timeOrigin };
  },
};

module.exports = { performance, PerformanceEntry, PerformanceMark, PerformanceMeasure };
