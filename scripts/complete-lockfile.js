#!/usr/bin/env node
// The npm registry this project is built against serves only the Linux builds of native
// packages, so `npm install` leaves the other platforms' optional binaries (darwin, win32,
// android, ...) out of package-lock.json and `npm ci` then refuses the lock. This adds
// those entries back, marked optional with the os/cpu read from their names, so `npm ci`
// skips them on this machine and installs them on the platforms that need them.
// Run after changing dependencies: node scripts/complete-lockfile.js
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'wasm32'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.replace(/^@[^/]+\//, '').split(/[-_]/);
  const os = OS.find((o) => parts.includes(o) || (o === 'win32' && parts.includes('windows')));
  const cpu = CPU.find((c) => parts.includes(c) || (c === 'arm' && parts.includes('gnueabihf')));
  return { os, cpu };
}

let added = 0;
for (const [location, meta] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = location ? `${location}/node_modules/${dep}` : `node_modules/${dep}`;
    if (lock.packages[base] || lock.packages[`node_modules/${dep}`]) continue;
    const { os, cpu } = platformOf(dep);
    if (!os && !cpu) continue;
    const entry = { version: version.replace(/^[\^~=]/, ''), dev: meta.dev, optional: true };
    if (!entry.dev) delete entry.dev;
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    lock.packages[`node_modules/${dep}`] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} optional platform entries\n`);
