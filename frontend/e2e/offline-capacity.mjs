// How many scans a scanner can hold offline (issue 15): the queue is one IndexedDB value (an
// array, written again with every scan, as src/scanner/useOffline.ts does), so what limits it is
// the time to write it. In Debian's Chromium, on the app's origin: the write and read times of
// queues of 1,000 to 50,000 scans, each like a real one (a 200-character token); and of the event's
// snapshot at 100,000 tickets.
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
    // The event's snapshot as the scanner keeps it (src/scanner/offline.ts), at 100,000 tickets
    // admitted today, half of them inside: written again after every poll that changed something.
    const tid = (i) => i.toString(36).padStart(12, "0");
    const inside = {};
    for (let i = 0; i < 50000; i++) inside[tid(i)] = { at: new Date().toISOString(), gate: "g" };
    const snapshot = {
      event: { id: crypto.randomUUID(), slug: "bench", timeZone: "Asia/Kolkata", reentry: true },
      date: "2026-12-03",
      keys: [{ kid: "k1", publicKey: "x".repeat(44) }],
      gates: [],
      revoked: Array.from({ length: 1000 }, (_, i) => tid(200000 + i)),
      inside,
      admitted: Array.from({ length: 100000 }, (_, i) => tid(i)),
      cursor: "c",
    };
    const bytes = JSON.stringify(snapshot).length;
    let start = performance.now();
    await run("readwrite", (store) => store.put(snapshot, "snapshot"));
    const write = performance.now() - start;
    start = performance.now();
    const back = await run("readonly", (store) => store.get("snapshot"));
    const read = performance.now() - start;
    out.push({
      snapshot: true,
      scans: 100000,
      bytes,
      writeMs: Math.round(write),
      readMs: Math.round(read),
      ok: back.admitted.length === 100000,
    });
    db.close();
    indexedDB.deleteDatabase("capacity-bench");
    return out;
  });
  for (const r of rows) {
    if (r.snapshot) {
      console.log(
        `the snapshot of ${r.scans} tickets (${(r.bytes / 1e6).toFixed(1)} MB as JSON): write ${r.writeMs} ms, read ${r.readMs} ms${r.ok ? "" : " (read back wrong!)"}`,
      );
      continue;
    }
    console.log(
      `${r.scans} queued scans (${(r.bytes / 1e6).toFixed(1)} MB as JSON): write ${r.writeMs} ms, read ${r.readMs} ms${r.ok ? "" : " (read back wrong!)"}`,
    );
  }
} finally {
  await browser.close();
}
