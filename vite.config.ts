import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** The built page carries index.html's CSP; the dev server drops it (hot reload injects inline script). */
const devWithoutCsp: Plugin = {
  name: 'dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

export default defineConfig({
  plugins: [react(), devWithoutCsp],
  // Relative base so the built app also works from a sub-path or file server.
  base: './',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // V8's explicit compile hint for the chunk that holds the chart library: compile all of it
        // eagerly, off the main thread while the chunk streams in, instead of function by function
        // on the main thread in the first charts drawn (each of which then cost a long task).
        postBanner: (chunk) => (chunk.moduleIds.some((id) => id.includes('/node_modules/recharts/')) ? '//# allFunctionsCalledOnLoad' : ''),
      },
    },
  },
  test: {
    // CI machines have two cores; a component test that renders a worker-backed page can take
    // longer than vitest's 5 s default there without anything being wrong.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/workers/**/*.test.ts', 'test/lib/**/*.test.ts', 'test/scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/components/**/*.test.{ts,tsx}', 'test/features/**/*.test.{ts,tsx}', 'test/app/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
    ],
  },
});
