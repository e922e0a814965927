/* global process */
// Writes the README tutorial's files into a folder, so the consumer tests build and run the very
// code a reader copies. A tutorial block opens with `// tutorial: <path>` (or `# tutorial: <path>`)
// on its first line; the block `# tutorial: install` holds the `npm install` commands, whose
// packages must be exactly the dependencies of the consumer app's package.json (when given).
//
//   node scripts/tutorial-files.js README.md <folder> [<app package.json>]
const fs = require('node:fs');
const path = require('node:path');

const [readmePath, folder, packageJsonPath] = process.argv.slice(2);
if (!readmePath || !folder) {
  throw new Error('usage: node scripts/tutorial-files.js README.md <folder> [<app package.json>]');
}
const REQUIRED = [
  'install',
  'tsconfig.json',
  'src/main.ts',
  'src/app.module.ts',
  'src/app.setup.ts',
];

const readme = fs.readFileSync(readmePath, 'utf8');
const blocks = new Map();
for (const match of readme.matchAll(/^```[\w-]*\n((?:\/\/|#) tutorial: (\S+)\n[\s\S]*?)^```$/gm)) {
  const [, body, target] = match;
  if (blocks.has(target)) throw new Error(`README.md has two tutorial blocks for ${target}.`);
  if (path.isAbsolute(target) || target.split('/').includes('..')) {
    throw new Error(`README.md tutorial block ${target}: the path must stay inside the app.`);
  }
  blocks.set(target, body);
}
const missing = REQUIRED.filter((target) => !blocks.has(target));
if (missing.length > 0) {
  throw new Error(`README.md has no tutorial block for ${missing.join(', ')}.`);
}

if (packageJsonPath) {
  const manifest = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
  ]);
  const installed = new Set();
  for (const line of blocks.get('install').split('\n')) {
    const command = line.trim().match(/^npm install (.*)$/);
    if (!command) continue;
    for (const word of command[1].split(/\s+/)) {
      if (word === '' || word.startsWith('-')) continue;
      installed.add(word.replace(/^(@?[^@]+)@.*$/, '$1'));
    }
  }
  const notInApp = [...installed].filter((name) => !declared.has(name));
  const notInTutorial = [...declared].filter((name) => !installed.has(name));
  if (notInApp.length > 0 || notInTutorial.length > 0) {
    throw new Error(
      `The tutorial's npm install and ${packageJsonPath} disagree: ` +
        `only in the tutorial: [${notInApp.join(', ')}], only in the app: [${notInTutorial.join(', ')}].`,
    );
  }
}

for (const [target, body] of blocks) {
  if (target === 'install') continue;
  const file = path.join(folder, target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
}
console.log(`tutorial: ${blocks.size - 1} files from ${readmePath}`);
