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
    // An offline desktop app: one chunk loads from disk in no time, and the warning is noise.
    chunkSizeWarningLimit: 4000,
  },
});
