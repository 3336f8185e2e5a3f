import { defineConfig } from 'vite';

// `npm run dev -w @cansat/web-dashboard` serves the dashboard with hot reload; a ground station on :8080 answers /ws.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/ws': { target: 'ws://127.0.0.1:8080', ws: true } } },
});
