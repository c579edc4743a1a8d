import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative URLs keep the bundle independent of where it is mounted; serve.ts rewrites
  // the two references in index.html per page URL, everything else (CSS, workers, chunks)
  // resolves relative to the module that loads it.
  base: './',
  logLevel: 'warn',
  publicDir: false,
  // The repository's .env files belong to the server; none of them may end up in a browser bundle.
  envDir: false,
  // Vite derives both from NODE_ENV when it is set, so `NODE_ENV=development vite build` would ship
  // React's development build (twice the size) or, mixed, call a jsxDEV that production React lacks.
  // build.ts sets NODE_ENV itself; these keep direct vite invocations production too.
  oxc: { jsx: { runtime: 'automatic', development: false } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Vendor groups below keep every chunk under this; a warning means a new dependency grew the bundle.
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
    sourcemap: false,
    // Inlined assets would be data: URLs, which the CSP would then have to allow for scripts.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Separate vendor chunks stay cached across upgrades of the others, and Monaco in one
        // piece would be a single 2.8 MB script. Rolldown cuts along module boundaries, so the
        // Monaco pieces come out well below maxSize (about 16 of them, none over 600 kB).
        // Monaco's modules have top-level side effects that depend on order; split across chunks
        // they ran out of order ("F is not a constructor") until execution order was made strict.
        strictExecutionOrder: true,
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
            { name: 'graphql', test: /node_modules[\\/]graphql[\\/]/, priority: 30 },
            { name: 'monaco', test: /node_modules[\\/]monaco-editor[\\/]/, priority: 20, maxSize: 1_500_000 },
            { name: 'graphiql', test: /node_modules[\\/](graphiql|@graphiql[\\/][^\\/]+)[\\/]/, priority: 10 },
          ],
        },
      },
      onwarn(warning, warn) {
        // React libraries mark files "use client" for server-component bundlers; meaningless in a plain SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
