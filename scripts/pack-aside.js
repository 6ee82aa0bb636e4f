#!/usr/bin/env node
// npm pack takes a bundled dependency whole. js-yaml, yaml and diff ship browser builds, ES modules and source maps
// that a Node CommonJS package never loads (we require js-yaml's dist/js-yaml.cjs.js, yaml's dist/ and diff's
// libcjs/). `prepack` moves them aside and `postpack` brings them back, so the package carries only what runs; a
// failed pack leaves them aside until the next `npm ci`, which restores node_modules.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const aside = path.join(root, 'node_modules/.cdk8s-jobs-pack-aside');
/** Per package directory: the entries that a CommonJS require never reaches. */
const UNUSED = {
  'js-yaml/dist': name => name === 'browser' || name.endsWith('.map') || name.endsWith('.mjs'),
  'yaml': name => name === 'browser',
  'diff': name => name === 'libesm' || name === 'dist',
};

if (process.argv[2] === 'out') {
  for (const [dir, unused] of Object.entries(UNUSED)) {
    const from = path.join(root, 'node_modules', dir);
    const to = path.join(aside, dir.replace(/\//g, '__'));
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from).filter(unused)) fs.renameSync(path.join(from, name), path.join(to, name));
  }
} else if (process.argv[2] === 'back') {
  if (!fs.existsSync(aside)) process.exit(0);
  for (const dir of Object.keys(UNUSED)) {
    const from = path.join(aside, dir.replace(/\//g, '__'));
    if (!fs.existsSync(from)) continue;
    for (const name of fs.readdirSync(from)) fs.renameSync(path.join(from, name), path.join(root, 'node_modules', dir, name));
  }
  fs.rmSync(aside, { recursive: true });
} else {
  console.error('usage: pack-aside.js out|back');
  process.exit(2);
}
