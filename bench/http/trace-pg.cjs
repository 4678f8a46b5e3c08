/* global require, performance */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
// Preloaded (NODE_OPTIONS=--require) into the `next start` of the bench's http case, to profile
// one request: while the file BENCH_PG_TRACE names exists, every query's start, end and first
// words are appended to it. Without the file it costs one existsSync per query, so the load runs
// are measured with it absent. Never loaded by the application itself.
const fs = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_PG_TRACE;
if (file) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function tracedQuery(config, values, callback) {
    if (!fs.existsSync(file) || typeof config?.submit === 'function') {
      return query.call(this, config, values, callback);
    }
    const start = performance.now();
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    const done = () =>
      fs.appendFileSync(
        file,
        JSON.stringify({
          start,
          end: performance.now(),
          text: text.replace(/\s+/g, ' ').slice(0, 160),
        }) + '\n',
      );
    // pg.Pool#query passes a callback (and gets no promise back); drizzle awaits the promise.
    if (typeof values === 'function' || typeof callback === 'function') {
      const cb = typeof values === 'function' ? values : callback;
      const traced = (err, res) => {
        done();
        cb(err, res);
      };
      return typeof values === 'function'
        ? query.call(this, config, traced)
        : query.call(this, config, values, traced);
    }
    const result = query.call(this, config, values);
    result.then(done, done);
    return result;
  };
}
