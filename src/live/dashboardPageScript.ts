/**
 * @module The live dashboard's own script: follows the event stream and, for each update, redraws the
 * report's charts (`window.rocketSimCharts.draw` of the report's page script, loaded before it) and
 * fills the status panels and the database panels (hidden when the database is not sampled). Text only through `textContent`. `data-updates` on the body counts the
 * updates drawn, for browser tests.
 */

// biome-ignore lint/complexity/noUselessStringRaw: raw, so that a backslash in the page script stays as written
export const dashboardPageScript = String.raw`
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  var source = new EventSource('events' + (token ? '?token=' + encodeURIComponent(token) : ''));
  var updates = 0;
  function text(id, value) {
    var node = document.getElementById(id);
    if (node) node.textContent = value;
  }
  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }
  function rows(id, items, cells) {
    var body = document.getElementById(id);
    if (!body) return;
    body.textContent = '';
    items.forEach(function (item) {
      var tr = document.createElement('tr');
      cells(item).forEach(function (cell) {
        var td = document.createElement('td');
        td.textContent = cell[0];
        if (cell[1]) td.className = cell[1];
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }
  function gateValue(value) {
    if (value === null || value === undefined) return '–';
    if (typeof value === 'number') return String(value);
    return Object.keys(value).map(function (key) { return key + ' = ' + value[key]; }).join(', ');
  }
  source.addEventListener('update', function (event) {
    var update = JSON.parse(event.data);
    var status = update.status;
    updates += 1;
    text('phase', status.phase + ' (' + status.phaseIndex + '/' + status.phaseCount + ')');
    text('elapsed', clock(status.elapsedSeconds));
    text('remaining', status.finished ? 'finished' : '~' + clock(status.remainingSeconds));
    text('requests', String(status.requests));
    text('p95', status.p95Ms === undefined || status.p95Ms === null ? '–' : status.p95Ms + ' ms');
    text('players', status.playersActive + ' playing, ' + status.playersCreated + ' joined');
    text('windows', String(update.windows));
    rows('failures', status.failures.length ? status.failures : [{ name: 'none so far', count: '' }], function (item) {
      return [[item.name], [String(item.count)]];
    });
    var gates = status.gates || [];
    text('gates-note', status.gates ? (gates.every(function (g) { return g.passed || !g.strict; }) ? 'passing so far' : 'failing so far') : 'this scenario has no gates');
    rows('gates', gates, function (gate) {
      return [[gate.name], [gateValue(gate.value)], [gate.passed ? 'pass' : gate.strict ? 'fail' : 'fail (optional)', gate.passed ? 'pass' : 'fail']];
    });
    var db = update.database || { sampled: false, note: '' };
    text('db-note', db.note);
    ['db-status', 'db-top-table', 'db-charts'].forEach(function (id) {
      var node = document.getElementById(id);
      if (node) node.hidden = !db.sampled;
    });
    document.body.setAttribute('data-database', db.sampled ? 'sampled' : 'not-sampled');
    if (db.sampled) {
      var latest = db.latest;
      var waits = latest ? Object.keys(latest.waits).filter(function (key) { return latest.waits[key] > 0; }) : [];
      text('db-waits-now', latest ? (waits.map(function (key) { return key + ' ' + latest.waits[key]; }).join(', ') || 'none') : '–');
      text('db-active', latest ? String(latest.active) : '–');
      text('db-waiting', latest ? String(latest.waiting) : '–');
      text('db-connections', latest ? latest.connections + (latest.maxConnections ? ' of ' + latest.maxConnections : '') : '–');
      text('db-lockwaits', String(db.lockWaits));
      text('db-deadlocks', String(db.deadlocks));
      var top = db.topRow;
      rows('db-top', top ? [
        ['relation', top.relation + (top.row ? ' ' + top.row : '') + ' (' + top.lockType + ')'],
        ['waits', top.waits + ', ' + top.totalMs + ' ms in all, longest ' + top.maxMs + ' ms'],
        ['waiting RPC', top.waitingEndpoints.join(', ') || '–'],
        ['blocking RPC', top.blockingEndpoints.join(', ') || '–']
      ] : [['none so far', '']], function (item) { return [[item[0]], [item[1]]]; });
    }
    window.rocketSimCharts.draw(update.charts);
    document.body.setAttribute('data-updates', String(updates));
    document.body.setAttribute('data-windows', String(update.windows));
    if (status.finished) {
      document.body.setAttribute('data-finished', 'true');
      source.close();
    }
  });
  source.addEventListener('open', function () { document.body.setAttribute('data-connection', 'open'); });
  source.addEventListener('error', function () { document.body.setAttribute('data-connection', 'retrying'); });
})();
`;
