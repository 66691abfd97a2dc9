import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

// The first visitor page (index.html and what it loads before anything is clicked) transfers at
// most 150 KB compressed. Reads the production build (npm run build, which Maven runs first).
const BUILT = join(import.meta.dirname, "..", "target", "classes", "META-INF", "resources");
const BUDGET = 150 * 1024;

describe("first page budget", () => {
  it("is built", () => {
    expect(existsSync(join(BUILT, "index.html")), "run `npm run build` first").toBe(true);
  });

  it("transfers at most 150 KB compressed, the scanner and the charts excluded", () => {
    const html = readFileSync(join(BUILT, "index.html"), "utf8");
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    const sizes = [html, ...assets.map((a) => readFileSync(join(BUILT, a)))].map(
      (content) => gzipSync(content, { level: 9 }).length,
    );
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`first page: ${assets.length + 1} files, ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(BUDGET);
    for (const asset of assets) {
      const text = readFileSync(join(BUILT, asset), "utf8");
      expect(text, `${asset} must not carry the QR decoder`).not.toContain("zxing_reader");
      expect(text, `${asset} must not carry the charts`).not.toContain("recharts");
    }
  });
});
