// Smoke check of an installed server (used by scripts/test-deb-install.sh): health, a probe
// submission as ooniprobe sends it, and the measurement listed by search once scored.
// Usage: node test/deb/smoke.js http://127.0.0.1:PORT
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const base = process.argv[2];
const fixture = path.join(__dirname, '..', 'fixtures', 'measurements', 'report1.json');

async function json(method, url, body) {
  const res = await fetch(base + url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function waitHealthy(deadline) {
  for (;;) {
    try {
      const health = await json('GET', '/health');
      if (health.status === 'ok') return health;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  const health = await waitHealthy(Date.now() + 60_000);
  console.log(`smoke: /health ${JSON.stringify(health)}`);

  const measurement = JSON.parse(fs.readFileSync(fixture, 'utf8'));
  const open = await json('POST', '/report', {
    probe_cc: measurement.probe_cc,
    probe_asn: measurement.probe_asn,
    test_name: measurement.test_name,
    software_name: measurement.software_name,
    software_version: measurement.software_version,
    test_version: measurement.test_version,
    test_start_time: measurement.test_start_time,
    data_format_version: '0.2.0',
    format: 'json',
  });
  measurement.report_id = open.report_id;
  const submitted = await json('POST', `/report/${open.report_id}`, { format: 'json', content: measurement });
  if (!submitted.measurement_uid) throw new Error(`no measurement_uid in ${JSON.stringify(submitted)}`);
  console.log(`smoke: submitted ${submitted.measurement_uid}`);

  // Search answers are kept for `response_cache.search_s` (60 s): each poll asks a new question
  // (another `limit`), so an answer cached before the measurement was scored does not hide it.
  const deadline = Date.now() + 60_000;
  for (let poll = 0; ; poll++) {
    const query = `report_id=${encodeURIComponent(open.report_id)}&limit=${100 + poll}`;
    const found = await json('GET', `/api/v1/measurements?${query}`);
    if (found.results.some((r) => r.measurement_uid === submitted.measurement_uid)) break;
    if (Date.now() > deadline) throw new Error('the submitted measurement never reached search');
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log('smoke: measurement scored and listed by search');
}

main().catch((err) => {
  console.error(`smoke: FAILED: ${err.message}`);
  process.exit(1);
});
