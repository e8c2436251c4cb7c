/**
 * @module The report page's own script: reads the embedded chart JSON and draws each chart with uPlot
 * (inlined before it). Every container reports `data-drawn` and `data-points` for browser tests. The
 * live dashboard (`src/live/`) runs the same script and redraws with `window.rocketSimCharts.draw(data)`
 * every window.
 */

/**
 * Browser script (ES2017, no template literals, no external fetch). `data-drawn` becomes `true` once
 * uPlot has drawn, `empty` when there is nothing to draw, `error` when drawing threw.
 */
// biome-ignore lint/complexity/noUselessStringRaw: raw, so that a backslash in the page script stays as written
export const reportPageScript = String.raw`
(function () {
  'use strict';
  var formats = {};
  function num(value, digits) {
    var format = formats[digits] || (formats[digits] = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }));
    return format.format(value);
  }
  function formatValue(unit, value) {
    if (value === null || value === undefined || !isFinite(value)) return '–';
    if (unit === 'ms') return num(value, 1) + ' ms';
    if (unit === 'req/s') return num(value, 1) + '/s';
    return num(value, 0);
  }
  function axisValues(unit) {
    return function (u, values) {
      return values.map(function (value) { return value === null ? '' : num(value, unit === 'count' ? 0 : 1); });
    };
  }
  // UTC wall clock, 24 h: HH:MM, with seconds when ticks are closer than a minute
  function clock(ts, withSeconds) {
    return new Date(ts * 1e3).toISOString().slice(11, withSeconds ? 19 : 16);
  }
  function timeTicks(u, splits, axis, space, increment) {
    return splits.map(function (ts) { return clock(ts, increment < 60); });
  }
  function mark(container, drawn, points) {
    container.setAttribute('data-drawn', drawn);
    container.setAttribute('data-points', String(points));
  }
  var plots = [];
  function draw(data) {
  plots.forEach(function (entry) { entry.plot.destroy(); });
  plots = [];
  data.charts.forEach(function (spec) {
    var container = document.querySelector('[data-chart="' + spec.id + '"]');
    if (!container) return;
    var target = container.querySelector('.plot');
    target.textContent = '';
    // a chart over load has its own x (players, req/s); the others share the window starts
    var xs = spec.x || data.x;
    var points = xs.length;
    if (points === 0 || spec.series.length === 0) {
      target.textContent = 'No data recorded for this chart.';
      mark(container, 'empty', 0);
      return;
    }
    var options = {
      width: Math.max(target.clientWidth, 320),
      height: 260,
      // room on the right for the last time label
      padding: [12, 32, 0, 0],
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
      scales: {
        // uPlot widens a single time point to a whole day: pin the axis to the windows around it instead
        x: spec.x ? { time: false } : points === 1 ? { time: true, auto: false, range: [data.x[0] - 10, data.x[0] + 10] } : { time: true },
        y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } }
      },
      axes: [spec.x ? { values: axisValues(spec.xLabel) } : { values: timeTicks }, { values: axisValues(spec.unit), size: 64 }],
      series: [spec.x
        ? { label: spec.xLabel, value: function (u, x) { return x === null ? '–' : num(x, 1); } }
        : { label: 'window (UTC)', value: function (u, ts) { return ts === null ? '–' : clock(ts, true); } }].concat(spec.series.map(function (series) {
        return {
          label: series.label,
          stroke: series.color,
          width: 2,
          points: { show: points <= 60 },
          value: function (u, value) { return formatValue(spec.unit, value); }
        };
      })),
      hooks: { draw: [function () { mark(container, 'true', points); }] }
    };
    try {
      var values = [xs].concat(spec.series.map(function (series) { return series.values; }));
      plots.push({ plot: new uPlot(options, values, target), target: target });
    } catch (error) {
      target.textContent = 'This chart could not be drawn: ' + error.message;
      mark(container, 'error', 0);
      console.error(error);
    }
  });
  }
  window.rocketSimCharts = { draw: draw };
  var embedded = document.getElementById('report-data');
  if (embedded) draw(JSON.parse(embedded.textContent));
  var pending = null;
  window.addEventListener('resize', function () {
    if (pending !== null) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      pending = null;
      plots.forEach(function (entry) {
        entry.plot.setSize({ width: Math.max(entry.target.clientWidth, 320), height: 260 });
      });
    });
  });
})();
`;
