// The first visitor page on a slow 3G connection, as Chrome DevTools' "Slow 3G" preset defines it
// (2,000 ms request latency, 400 kbit/s down and up): time until the page shows its heading and
// until the events (with seats left) are listed; a cold visit (nothing cached) and a return visit.
// A measurement for docs/performance.md (./pravesh bench), not a test.
//   BASE_URL=http://localhost:8080 node e2e/slow3g.mjs
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://localhost:8080";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});

async function visit(page, label) {
  let bytes = 0;
  const counter = (response) =>
    response
      .body()
      .then((b) => (bytes += b.length))
      .catch(() => undefined);
  page.on("response", counter);
  const started = Date.now();
  await page.goto(BASE + "/", { waitUntil: "commit", timeout: 120_000 });
  await page.getByRole("heading", { level: 1 }).waitFor({ timeout: 120_000 });
  const shell = Date.now() - started;
  await page
    .getByText(/seats left|No events are open/)
    .first()
    .waitFor({ timeout: 120_000 });
  const listed = Date.now() - started;
  page.off("response", counter);
  console.log(
    `  ${label.padEnd(12)} page shown ${(shell / 1000).toFixed(1)} s, events listed ${(listed / 1000).toFixed(1)} s (${(bytes / 1024).toFixed(0)} KB decoded)`,
  );
}

try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 2000,
    downloadThroughput: (400 * 1024) / 8,
    uploadThroughput: (400 * 1024) / 8,
  });
  await visit(page, "first visit");
  await visit(page, "return visit");
} finally {
  await browser.close();
}
