// How many scans a scanner can hold offline (issue 15): the queue is one IndexedDB value (an
// array, written again with every scan, as src/scanner/useOffline.ts does), so what limits it is
// the time to write it. In Debian's Chromium, on the app's origin: the write and read times of
// queues of 1,000 to 50,000 scans, each like a real one (a 200-character token).
//
//   BASE_URL=http://localhost:8080 node e2e/offline-capacity.mjs
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://localhost:8080";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
});
try {
  const page = await browser.newPage();
  await page.goto(BASE + "/");
  const rows = await page.evaluate(async () => {
    const open = () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open("capacity-bench", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("kept");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const db = await open();
    const run = (mode, work) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction("kept", mode);
        const result = work(tx.objectStore("kept"));
        tx.oncomplete = () => resolve(result.result);
        tx.onerror = () => reject(tx.error);
      });
    const out = [];
    for (const n of [1000, 10000, 50000]) {
      const queue = Array.from({ length: n }, (_, i) => ({
        key: crypto.randomUUID(),
        token: "TKT1." + "x".repeat(120) + "." + "y".repeat(86),
        gateId: crypto.randomUUID(),
        direction: "IN",
        scannedAt: new Date().toISOString(),
        offlineOutcome: "ADMITTED",
        i,
      }));
      const bytes = JSON.stringify(queue).length;
      let start = performance.now();
      await run("readwrite", (store) => store.put(queue, "queue"));
      const write = performance.now() - start;
      start = performance.now();
      const back = await run("readonly", (store) => store.get("queue"));
      const read = performance.now() - start;
      out.push({
        scans: n,
        bytes,
        writeMs: Math.round(write),
        readMs: Math.round(read),
        ok: back.length === n,
      });
    }
    db.close();
    indexedDB.deleteDatabase("capacity-bench");
    return out;
  });
  for (const r of rows) {
    console.log(
      `${r.scans} queued scans (${(r.bytes / 1e6).toFixed(1)} MB as JSON): write ${r.writeMs} ms, read ${r.readMs} ms${r.ok ? "" : " (read back wrong!)"}`,
    );
  }
} finally {
  await browser.close();
}
