// ESLint flat config: typescript-eslint's type-checked rules over the library, the example app,
// the tests and the benchmarks; formatting is Prettier's job (eslint-config-prettier).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Layering (shared/DESIGN.md): core/, config/ and exceptions/ are the ground floor of the library.
// They import no subsystem folder, no top-level composition file (restflow.module*.ts,
// restflow.action-config.ts, index.ts) and not the package itself; subsystems import them.
const SUBSYSTEMS = [
  'authentication',
  'caching',
  'database',
  'filters',
  'http',
  'openapi',
  'pagination',
  'parsers',
  'permissions',
  'relations',
  'responses',
  'serializers',
  'testing',
  'throttling',
  'views',
];
const groundFloorImports = {
  files: [
    'libs/restflow/src/core/**/*.ts',
    'libs/restflow/src/config/**/*.ts',
    'libs/restflow/src/exceptions/**/*.ts',
  ],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${SUBSYSTEMS.join('|')})(/|$)`,
            message:
              'core/, config/ and exceptions/ import no subsystem. Move what both sides need into ' +
              'core/, or let the subsystem own it and compose it in restflow.module-options.ts.',
          },
          {
            regex:
              '^(\\.\\./)*\\.\\./?$|^(\\.\\./)+(restflow\\.[\\w.-]+|index)$|^nestjs-restflow(/|$)',
            message:
              'core/, config/ and exceptions/ do not import the top-level composition (it imports ' +
              'every subsystem).',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    // test/consumer/app/smoke.ts compiles only beside the README tutorial's files, in the consumer
    // apps of scripts/consumer-test.sh, whose strict tsc checks it against the packed declarations.
    // bench/peers has its own packages, installed by `npm run bench`: lint it after a run with
    // `npx eslint --no-ignore bench/peers/src`.
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'test/consumer/**',
      'bench/peers/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'test/*.js', 'scripts/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'warn',
      // Nest's HttpStatus is a numeric enum; statuses arrive as plain numbers.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'typeParameter', format: ['PascalCase'], prefix: ['T'] },
      ],
    },
  },
  groundFloorImports,
  {
    // Tests read untyped response bodies (supertest types them as any).
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
