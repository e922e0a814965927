// A require hook that runs the TypeScript sources directly in plain Node (no build): each .ts
// file is compiled to CommonJS by @swc/core when first required, with decorator metadata, and
// the package name 'nestjs-restflow' resolves to the library's sources, as in tsconfig's paths.
// Used by the tests that start the example app as a child process:
//   node -r ./test/swc-register.js apps/example/src/main.ts
// NestJS 12 itself is ESM, which Node >= 20.19 loads through require(esm).
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const aliases = {
  'nestjs-restflow': path.join(root, 'libs/restflow/src/index.ts'),
  'nestjs-restflow/testing': path.join(root, 'libs/restflow/src/testing/index.ts'),
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases[request] ?? request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
