import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

// Built into the jar's META-INF/resources, which ticketing-web serves at "/" (a Servlet resource
// jar). Assets get content-hashed names. During development, /api goes to the running server.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: "target/classes/META-INF/resources",
    emptyOutDir: true,
    // Read by the service worker (public/sw.js): which files make up this release.
    manifest: "asset-manifest.json",
    // "name.hash.js": a hash never holds a dot, so the worker can tell a file's versions apart.
    rollupOptions: {
      output: {
        entryFileNames: "assets/[name].[hash].js",
        chunkFileNames: "assets/[name].[hash].js",
        assetFileNames: "assets/[name].[hash][extname]",
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8080" } },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
