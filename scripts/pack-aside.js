#!/usr/bin/env node
// npm pack takes a bundled dependency whole. js-yaml ships browser builds, ES modules and source maps that a Node
// CommonJS package never loads (we require its dist/js-yaml.cjs.js), over 1.4 MB. `prepack` moves them aside and
// `postpack` brings them back, so the package carries only what runs; a failed pack leaves them aside until the next
// `npm ci`, which restores node_modules.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'node_modules/js-yaml/dist');
const aside = path.join(root, 'node_modules/.cdk8s-jobs-pack-aside');
const unused = name => name === 'browser' || name.endsWith('.map') || name.endsWith('.mjs');

if (process.argv[2] === 'out') {
  fs.mkdirSync(aside, { recursive: true });
  for (const name of fs.readdirSync(dist).filter(unused)) fs.renameSync(path.join(dist, name), path.join(aside, name));
} else if (process.argv[2] === 'back') {
  if (!fs.existsSync(aside)) process.exit(0);
  for (const name of fs.readdirSync(aside)) fs.renameSync(path.join(aside, name), path.join(dist, name));
  fs.rmdirSync(aside);
} else {
  console.error('usage: pack-aside.js out|back');
  process.exit(2);
}
