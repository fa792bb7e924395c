// The renderer's build: React + antd into dist/renderer, served by the desktop shell
// (app:// protocol) and by browser mode alike. Relative asset paths work under both.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The first screen's chunk is what the clerk waits for (App.tsx loads the other screens
    // on demand); warn if it grows past the budget the benchmark holds it to.
    chunkSizeWarningLimit: 700,
  },
});
