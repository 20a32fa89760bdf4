import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Import direction (see ARCHITECTURE.md): app → features → components/lib/workers → core.
const outward = (...dirs) => dirs.map((d) => ({ group: [`**/${d}/*`, `**/${d}`], message: `This layer may not import from ${d}/ (see ARCHITECTURE.md).` }));
const reactPackages = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@tanstack/*', 'recharts', 'react-markdown'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The pure core: no React, DOM, network or global timers; clock and ids are passed in.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: reactPackages.filter((p) => !p.includes('*')), patterns: [...outward('lib', 'features', 'components', 'app', 'workers'), { group: reactPackages.filter((p) => p.includes('*')), message: 'core is framework-free.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'localStorage', 'indexedDB', 'Worker', 'navigator'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass a clock in.' }, { object: 'performance', property: 'now', message: 'Pass a clock in.' }, { object: 'Math', property: 'random', message: 'Pass a seeded random source in.' }],
    },
  },
  {
    files: ['src/lib/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: outward('features', 'app') }] },
  },
  {
    // Workers are small adapters around the core: no page code, no React. The IndexedDB store is
    // the one side effect they share with the page.
    files: ['src/workers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: reactPackages.filter((p) => !p.includes('*')), patterns: outward('lib', 'components', 'features', 'app') }] },
  },
  {
    // The IndexedDB store: the core's types in, `idb` out; used by the page and by the runs workers.
    files: ['src/storage/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: reactPackages.filter((p) => !p.includes('*')), patterns: outward('lib', 'components', 'features', 'app', 'workers') }] },
  },
  ...['live-viewer', 'capacity-planner', 'runs'].map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...outward('app'), ...['live-viewer', 'capacity-planner', 'runs'].filter((f) => f !== feature).map((f) => ({ group: [`**/features/${f}/*`, `**/features/${f}`, `../${f}/*`, `../${f}`], message: 'No feature imports another.' }))] }],
    },
  })),
);
