import preact from "@preact/preset-vite";
import postcss from "postcss";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** A browser drops every rule after an unclosed block without a word, and the build would not
 * complain either: a lost brace (easily lost in a merge) would unstyle whole views. Fail the
 * build on any stylesheet that does not parse. */
function wellFormedCss(): Plugin {
  return {
    name: "kreds-well-formed-css",
    enforce: "pre",
    transform(code, id) {
      if (id.endsWith(".css")) postcss.parse(code, { from: id });
      return null;
    },
  };
}

export default defineConfig({
  plugins: [preact(), wellFormedCss()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The server's CSP allows no inline script or style; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The referat page (server-rendered) loads its drawings from a second entry; the server
    // finds the entry's hashed file in the manifest.
    manifest: true,
    rollupOptions: {
      input: { index: "index.html", referat: "src/referat/drawings.tsx" },
    },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/socket.io": { target: "http://127.0.0.1:8000", ws: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
