import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development Vite serves the dashboard and proxies /api to `npm run dev -w @convene/api` on 8787.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:8787" } },
  build: {
    target: "es2022",
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks each page loads, read by `npm run budget` (scripts/js-budget.ts).
    manifest: true,
    chunkSizeWarningLimit: 600,
  },
});
