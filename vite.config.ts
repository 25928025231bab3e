// One renderer build for every face: Electron loads it from app://studio/, the web host serves it over http.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `LIVECART_DEV_CORE=http://127.0.0.1:PORT npx vite` lets the dev server talk to a running `cli.ts serve`.
const devCore = process.env.LIVECART_DEV_CORE;

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  // Relative asset URLs work under both app://studio/ and http://host:port/.
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    // The CSP is `script-src 'self'`: no inline scripts, and the module-preload polyfill is not needed in Chromium.
    modulePreload: { polyfill: false },
    // Keep every asset a real file so the CSP never has to allow data: for fonts or styles.
    assetsInlineLimit: 0,
    target: 'chrome130',
    sourcemap: true,
    // Two pages: the studio, and the overlay for OBS (/overlay: no React, a transparent canvas).
    rollupOptions: {
      input: {
        studio: resolve(import.meta.dirname, 'renderer/index.html'),
        overlay: resolve(import.meta.dirname, 'renderer/overlay.html'),
      },
      // React in a chunk of its own: it changes far less often than the studio's code, so a new build of the
      // studio does not make the browser (or an assistant's tablet on the LAN) fetch it again. uPlot (the show
      // report's chart) likewise.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'uplot', test: /node_modules[\\/]uplot[\\/]/ },
          ],
        },
      },
    },
  },
  // The core answers only requests addressed to it, from its own pages (Host and Origin): the proxy says so.
  server: devCore
    ? {
        proxy: {
          '/ws': { target: devCore.replace(/^http/, 'ws'), ws: true, changeOrigin: true, headers: { origin: devCore } },
          '/api': { target: devCore, changeOrigin: true, headers: { origin: devCore } },
        },
      }
    : {},
});
