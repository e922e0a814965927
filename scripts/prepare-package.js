// Completes the built library in dist/libs/restflow (after `nest build restflow`) into the
// package users install: its manifest, the README (the user manual) and the LICENSE. Fails when
// the build is missing or a source map points at a source it does not carry.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist/libs/restflow');

if (!fs.existsSync(path.join(out, 'index.js'))) {
  throw new Error(`${out}/index.js is missing: run "nest build restflow" first.`);
}
fs.copyFileSync(path.join(root, 'libs/restflow/package.json'), path.join(out, 'package.json'));
fs.copyFileSync(path.join(root, 'README.md'), path.join(out, 'README.md'));
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(out, 'LICENSE'));

// The .ts sources are not shipped: every map must carry them inline (tsconfig.lib.json).
const maps = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith('.js.map')) maps.push(file);
  }
};
walk(out);
for (const file of maps) {
  const map = JSON.parse(fs.readFileSync(file, 'utf8'));
  const inlined =
    Array.isArray(map.sourcesContent) && map.sourcesContent.length === map.sources.length;
  if (!inlined || map.sourcesContent.some((content) => typeof content !== 'string')) {
    throw new Error(`${path.relative(root, file)} points at sources it does not inline.`);
  }
}
console.log(
  `dist/libs/restflow: package.json, README.md, LICENSE; ${maps.length} source maps inline their sources.`,
);
