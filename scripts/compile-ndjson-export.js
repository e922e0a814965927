// Transpiles the library and bench/ndjson-export.ts to CommonJS with swc, so that the export
// bench runs without a compiler in the measured process.
// Usage: node scripts/compile-ndjson-export.js <repository root> <output folder>
const fs = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');
const [root, out] = require('node:process').argv.slice(2);
const lib = path.join(root, 'libs/restflow/src');
function walk(dir, files = []) {
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) walk(full, files);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) files.push(full);
  }
  return files;
}
for (const file of [...walk(lib), path.join(root, 'bench/ndjson-export.ts')]) {
  let { code } = transformFileSync(file, {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  });
  const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
  const relLib = path.relative(path.dirname(target), path.join(out, 'libs/restflow/src/index.js'));
  code = code.replace(
    /require\("nestjs-restflow"\)/g,
    `require("${relLib.startsWith('.') ? relLib : './' + relLib}")`,
  );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
}
const modules = path.join(out, 'node_modules');
if (!fs.existsSync(modules)) fs.symlinkSync(path.resolve(root, 'node_modules'), modules);
