// Jest 30 in CommonJS mode, TypeScript compiled by @swc/jest (with decorator metadata).
// NestJS 12 and a few of its dependencies are ESM-only; Jest on Node 20 cannot require(esm), so
// every "type": "module" package in node_modules is transpiled to CommonJS by swc as well.
// PGlite ships .cjs files that use dynamic import(), which Jest's VM rejects: transpile it too.
const fs = require('node:fs');
const path = require('node:path');

function esmPackages(root) {
  // Packages that load others with import(), which Jest's CommonJS mode only allows transpiled.
  const found = new Set(['@electric-sql', '@fastify/cookie']);
  const visit = (dir, depth) => {
    if (depth > 4 || !fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) {
        for (const sub of fs.readdirSync(path.join(dir, name))) {
          check(path.join(dir, name, sub), `${name}/${sub}`, depth);
        }
      } else {
        check(path.join(dir, name), name, depth);
      }
    }
  };
  const check = (pkgDir, name, depth) => {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
      if (manifest.type === 'module') found.add(name);
    } catch {
      // not a package
    }
    visit(path.join(pkgDir, 'node_modules'), depth + 1);
  };
  visit(path.join(root, 'node_modules'), 0);
  return [...found].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const esm = esmPackages(__dirname);

/** Settings shared by every project: swc transform and the library's package name. */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^nestjs-restflow$': '<rootDir>/libs/restflow/src',
    '^nestjs-restflow/testing$': '<rootDir>/libs/restflow/src/testing',
  },
  transform: {
    '^.+\\.(ts|js|mjs|cjs)$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Ignore a node_modules file unless its innermost package is an ESM package.
  transformIgnorePatterns: [`/node_modules/(?!(?:${esm.join('|')})/)(?!.*/node_modules/)`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps}/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
