// End to end in a real headless Chromium (Debian's package, driven by playwright-core; no browser
// download) against a running server in development mode: a visitor registers by OTP and sees the
// ticket (also offline), a volunteer scans it through the camera path (Chromium's fake capture
// device fed with a video of the ticket's QR), types a code, registers a walk-in at the desk and
// sends it by SMS; with the network cut (Chromium's offline emulation) the scanner goes on deciding
// from its snapshot, and sends its scans when the network is back, two scanners that admitted the
// same ticket offline showing as a conflict; an admin watches the dashboard's numbers move. Screenshots of every page at phone
// and desktop width go to OUT_DIR. Prints one line `RESULT {json}` for the harness (WebAppIT).
//
//   BASE_URL=http://localhost:8080 OUT_DIR=target/e2e node e2e/webapp.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/writer";

prepareZXingModule({
  overrides: {
    wasmBinary: readFileSync(
      createRequire(import.meta.url).resolve("zxing-wasm/writer/zxing_writer.wasm"),
    ),
  },
});

const BASE = process.env.BASE_URL ?? "http://localhost:8080";
const OUT = resolve(process.env.OUT_DIR ?? "target/e2e");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const EVENT = process.env.EVENT ?? "demo-book-fair";
const ADMIN = process.env.ADMIN_PHONE ?? "+919000000001";
const VOLUNTEER = process.env.VOLUNTEER_PHONE ?? "+919000000002";
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

mkdirSync(OUT, { recursive: true });
const browsers = [];
const result = {};

function check(condition, message) {
  if (!condition) throw new Error("check failed: " + message);
}

function log(message) {
  console.log(`[e2e ${new Date().toISOString().substring(11, 19)}] ${message}`);
}

async function launch(extra = []) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extra] });
  browsers.push(browser);
  return browser;
}

async function newPage(browser, viewport, permissions = [], storageState = undefined) {
  const context = await browser.newContext({
    viewport,
    locale: "en-IN",
    permissions,
    storageState,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => log("page error: " + e.message));
  return page;
}

/** Accessibility rules (axe-core, WCAG 2 A and AA: labels, names, contrast, landmarks): none broken. */
async function accessible(page, name) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    });
    return results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  check(
    violations.length === 0,
    `${name} has accessibility violations:\n  ${violations.join("\n  ")}`,
  );
}

/** Both widths of the page as it is now, after an accessibility check. */
async function shoot(page, name) {
  await accessible(page, name);
  const before = page.viewportSize();
  for (const [label, size] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

const randomPhone = () => "+9198" + String(Math.floor(Math.random() * 1e8)).padStart(8, "0");

/** The newest OTP sent to a phone after `since` (the development outbox, loopback only). */
async function otp(phone, since) {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${BASE}/api/dev/outbox?to=${encodeURIComponent(phone)}`);
    const messages = await response.json();
    const fresh = messages.find(
      (m) => Date.parse(m.createdAt) >= since && /\b\d{6}\b/.test(m.body),
    );
    if (fresh) return fresh.body.match(/\b(\d{6})\b/)[1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("no OTP arrived for " + phone);
}

async function json(path, { token, method = "GET", body, headers = {} } = {}) {
  const response = await fetch(BASE + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: "Bearer " + token } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A token for API calls the test makes beside the browser. */
async function apiLogin(phone) {
  const since = Date.now() - 1000;
  await json("/api/auth/otp", { method: "POST", body: { phone } });
  const code = await otp(phone, since);
  return (await json("/api/auth/otp/verify", { method: "POST", body: { phone, code } }))
    .accessToken;
}

/** Signs in through the page's own form. */
async function signIn(page, phone) {
  await page.getByRole("textbox", { name: /^Mobile number/ }).fill(phone.replace("+91", ""));
  const since = Date.now() - 1000;
  await page.getByRole("button", { name: "Send code" }).click();
  const code = await otp(phone, since);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const todayInIndia = () =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Kolkata",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

/** A frame of the QR picture for Chromium's fake camera: Y4M, 4:2:0, grey (the QR is black and white). */
async function qrVideo(page, imageSelector, file) {
  const [width, height] = [640, 480];
  const luma = await page.evaluate(
    async ({ selector, width, height }) => {
      const img = document.querySelector(selector);
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, width, height);
      g.imageSmoothingEnabled = false;
      // At its own size when it fits: whole pixels per module, as a phone screen shows it.
      const side = Math.min(img.naturalWidth, height);
      g.drawImage(img, (width - side) / 2, (height - side) / 2, side, side);
      const rgba = g.getImageData(0, 0, width, height).data;
      const y = new Array(width * height);
      for (let i = 0; i < y.length; i++) {
        y[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
      }
      return y;
    },
    { selector: imageSelector, width, height },
  );
  const frame = Buffer.concat([
    Buffer.from("FRAME\n"),
    Buffer.from(luma),
    Buffer.alloc((width / 2) * (height / 2) * 2, 128),
  ]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array(10).fill(frame)]));
}

/**
 * A fake camera's video of QR codes shown and taken away: `items` are [text or null (nothing in
 * view), seconds], looped by Chromium. The codes are drawn by zxing-cpp's writer (zxing-wasm).
 */
async function scriptedVideo(items, file) {
  const [width, height] = [640, 480];
  const frames = [];
  for (const [text, seconds] of items) {
    const luma = new Uint8Array(width * height).fill(255);
    if (text) {
      const { symbol, error } = await writeBarcode(text, { format: "QRCode", ecLevel: "M" });
      if (error) throw new Error(error);
      const scale = Math.floor(360 / (symbol.width + 8));
      const left = Math.floor((width - symbol.width * scale) / 2);
      const top = Math.floor((height - symbol.height * scale) / 2);
      for (let y = 0; y < symbol.height * scale; y++) {
        for (let x = 0; x < symbol.width * scale; x++) {
          // The writer's symbol: 0 for a dark module, 255 for a light one.
          const module = symbol.data[Math.floor(y / scale) * symbol.width + Math.floor(x / scale)];
          if (module === 0) luma[(top + y) * width + left + x] = 0;
        }
      }
    }
    const frame = Buffer.concat([
      Buffer.from("FRAME\n"),
      Buffer.from(luma),
      Buffer.alloc((width / 2) * (height / 2) * 2, 128),
    ]);
    for (let i = 0; i < seconds * 2; i++) frames.push(frame);
  }
  // Two frames a second: a minute of video stays under 30 MB.
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F2:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...frames]));
}

/** The event's first gate (the address names the event: other events have gates too). */
async function chooseGate(page) {
  await page.getByRole("heading", { name: "Choose your gate" }).waitFor();
  await page.getByRole("button", { name: "Gate 1 (Main)" }).click();
  await page.getByRole("heading", { name: "Gate: Gate 1 (Main)" }).waitFor();
}

/** Whether an SMS went to this phone after `since` (the development outbox). */
async function delivered(phone, since) {
  for (let i = 0; i < 50; i++) {
    const messages = await json(`/api/dev/outbox?to=${encodeURIComponent(phone)}`);
    if (messages.some((m) => m.channel === "sms" && Date.parse(m.createdAt) >= since)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function registerByApi(name, partySize) {
  const phone = randomPhone();
  const token = await apiLogin(phone);
  const event = await json(`/api/events/${EVENT}`);
  const slot = event.slots.find((s) => s.date === todayInIndia());
  const accepted = await json("/api/registrations", {
    token,
    method: "POST",
    body: { slotId: slot.id, name, partySize, consent: true },
  });
  for (let i = 0; i < 100; i++) {
    const registration = await json(`/api/registrations/${accepted.registrationId}`, { token });
    if (registration.status === "TICKETED") return registration;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("no ticket for " + accepted.registrationId);
}

async function visitor() {
  log("visitor: events, sign in by OTP, register, see the ticket");
  const browser = await launch();
  const page = await newPage(browser, PHONE);
  await page.goto(BASE + "/");
  await page.getByRole("heading", { name: "Choose your visit" }).waitFor();
  const today = todayInIndia();
  await page
    .getByText(/seats left/)
    .first()
    .waitFor();
  await shoot(page, "1-events");

  // Hindi, remembered across a reload.
  await page.getByRole("button", { name: "हिन्दी" }).click();
  await page.getByRole("heading", { name: "अपनी यात्रा चुनें" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "अपनी यात्रा चुनें" }).waitFor();
  check((await page.getAttribute("html", "lang")) === "hi", "the page says it is in Hindi");
  await shoot(page, "1-events-hindi");
  await page.getByRole("button", { name: "English" }).click();

  // Other events may be open too (the test suite makes some): this event's day.
  await page
    .locator(`section[data-event="${EVENT}"]`)
    .getByRole("link", { name: new RegExp(`Register for ${today}`) })
    .click();
  const phone = randomPhone();
  await signIn(page, phone);
  await page.getByLabel("Your name").fill("Asha Verma");
  await page.getByLabel(/People in your group/).fill("2");
  await page.getByRole("checkbox").check();
  check(
    (await page.getByRole("link", { name: "Read the privacy notice" }).getAttribute("href")) ===
      "/privacy?lang=en",
    "the consent links the privacy notice",
  );
  await shoot(page, "2-register");
  await page.getByRole("button", { name: "Get my ticket" }).click();
  await page.getByText("Done! Your ticket is ready.").waitFor();
  await page.getByRole("link", { name: "See my tickets" }).click();
  const code = (await page.getByTestId("ticket-code").first().textContent()).trim();
  check(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code), "a short code is shown: " + code);
  await page.getByText("Asha Verma").first().waitFor();
  const box = await page.locator("article img").first().boundingBox();
  check(box.width >= 300, `the QR is large on a phone (${box.width} px of 360)`);
  await shoot(page, "3-tickets");

  // Without a network the ticket stays: the service worker has the page, the device the ticket.
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready,
      new Promise((_, fail) => setTimeout(() => fail(new Error("no service worker")), 15_000)),
    ]),
  );
  await page.context().setOffline(true);
  await page.reload();
  await page.getByText("Offline: these tickets are saved on this device.").waitFor();
  check(
    (await page.getByTestId("ticket-code").first().textContent()).trim() === code,
    "the same ticket offline",
  );
  await page.context().setOffline(false);
  log("visitor: ticket " + code + " visible online and offline");

  const video = join(OUT, "ticket-qr.y4m");
  await qrVideo(page, "article img", video);
  result.visitorPhone = phone;
  result.visitorCode = code;

  // A second day, then changed plans: the visitor cancels it from My tickets.
  await page.reload();
  await page.getByRole("link", { name: "Events" }).click();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const next = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata" }).format(tomorrow);
  await page
    .getByRole("link", { name: new RegExp(`Register for ${next}`) })
    .first()
    .click();
  await page.getByLabel("Your name").fill("Asha Verma");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Get my ticket" }).click();
  await page.getByText("Done! Your ticket is ready.").waitFor();
  await page.getByRole("link", { name: "See my tickets" }).click();
  await page.locator("article").nth(1).waitFor();
  check((await page.locator("article").count()) === 2, "two tickets kept");
  await page.locator("article").nth(1).getByRole("button", { name: "Cancel this ticket" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await page.getByText("Ticket cancelled.").waitFor();
  check((await page.locator("article").count()) === 1, "the cancelled ticket is gone");
  check(
    (await page.getByTestId("ticket-code").first().textContent()).trim() === code,
    "today's ticket stays",
  );
  return video;
}

async function cameraScan(video) {
  log("volunteer: the camera scans the visitor's QR");
  const browser = await launch([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  const page = await newPage(browser, PHONE, ["camera"]);
  await page.goto(BASE + "/#/scan/" + EVENT);
  await signIn(page, VOLUNTEER);
  await chooseGate(page);
  const verdict = page.getByTestId("verdict");
  // The fake camera shows the same still frame: a decoder that cannot read it waits for good (the
  // zxing-js decoder before could not read about one ticket in seven; src/scanner/decoder.test.ts).
  await verdict.waitFor({ timeout: 60_000 });
  const first = (await verdict.textContent()).trim();
  check(first === "Admit", "the camera's first scan admits: " + first);
  check((await page.locator("[data-verdict]").getAttribute("data-verdict")) === "green", "green");
  await page.getByText("Asha Verma").waitFor();
  await page.getByText("Party of 2").waitFor();
  await shoot(page, "4-scanner-admitted");
  // The visitor keeps holding the phone up: the green answer goes by itself, and the code still in
  // view is the same scan, not a second one (which would turn the visitor just let in red).
  await page.locator("[data-verdict]").waitFor({ state: "detached", timeout: 10_000 });
  await page.waitForTimeout(6_000);
  check((await page.locator("[data-verdict]").count()) === 0, "a code held in view is one scan");
  check(
    await page.locator("video").evaluate((v) => !v.paused && v.readyState >= 2),
    "the camera still runs (and sees the code) while nothing is sent",
  );
  const count = (await page.getByTestId("admitted-count").textContent()).trim();
  check(
    count.includes("2 people") && count.includes(": 1 tickets"),
    "the device counts one admission: " + count,
  );
  // The volunteer's session goes on in the next browser (one login per shift; OTPs are limited).
  const session = await page.context().storageState();
  await browser.close();
  return session;
}

async function manualEntryAndDesk(session) {
  log("volunteer: a typed code, then the desk");
  const other = await registerByApi("Ravi Kumar", 3);
  const browser = await launch();
  const page = await newPage(browser, PHONE, [], { cookies: session.cookies, origins: [] });
  await page.goto(BASE + "/#/scan/" + EVENT);
  // The gate chosen before is kept per device; this browser is another device.
  await chooseGate(page);
  await page.getByLabel("Ticket code").fill(other.ticket.code.toLowerCase());
  await page.getByRole("button", { name: "Check" }).click();
  await page.locator('[data-verdict="green"]').waitFor();
  await page.getByText("Ravi Kumar").waitFor();
  await page.getByText("Party of 3").waitFor();
  await page.locator("[data-verdict]").waitFor({ state: "detached", timeout: 10_000 });
  await page.getByLabel("Ticket code").fill(result.visitorCode);
  await page.getByRole("button", { name: "Check" }).click();
  await page.locator('[data-verdict="red"]').waitFor();
  check(
    (await page.getByTestId("verdict").textContent()).trim() === "Already admitted",
    "typed repeat is red",
  );
  await page.getByText(/First entry \d\d:\d\d at /).waitFor();
  await shoot(page, "4-scanner-already");
  await page.getByRole("button", { name: "Tap to continue" }).click();
  result.typedCode = other.ticket.code;

  await page.getByRole("link", { name: "Desk" }).click();
  const demo = await json(`/api/events/${EVENT}`);
  await page
    .locator("select[name=slot]")
    .selectOption(demo.slots.find((x) => x.date === todayInIndia()).id);
  await page.getByLabel("Visitor's name").fill("Meena Devi");
  const walkInPhone = randomPhone();
  await page
    .getByRole("textbox", { name: /^Visitor.s mobile/ })
    .fill(walkInPhone.replace("+91", ""));
  await page.getByLabel(/People \(1 to 100\)/).fill("4");
  await page.getByRole("checkbox").check();
  await shoot(page, "5-desk-form");
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByText("Ticket ready: show the QR to the visitor or send it.").waitFor();
  const walkInCode = (await page.getByTestId("ticket-code").textContent()).trim();
  const img = await page.locator("section img").first();
  await img.evaluate((i) => i.decode());
  check((await img.evaluate((i) => i.naturalWidth)) > 100, "the walk-in's QR is on screen");
  const since = Date.now() - 1000;
  await page.getByRole("button", { name: "Send by SMS" }).click();
  await page.getByText("Sent.").waitFor();
  check(await delivered(walkInPhone, since), "the walk-in's ticket went out by SMS");
  await shoot(page, "5-desk-ticket");

  // The help desk: "I lost my ticket". Found by its code, sent again.
  await page.getByRole("button", { name: "Next visitor" }).click();
  await page.getByRole("button", { name: "Find a ticket" }).click();
  await page.getByLabel("Visitor's mobile or ticket code").fill(result.visitorCode);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByText("Asha Verma").first().waitFor();
  const masked = (await page.getByTestId("found-phone").first().textContent()).trim();
  check(
    /^\+91\*+\d{4}$/.test(masked) && masked.endsWith(result.visitorPhone.slice(-4)),
    "another person's phone is masked at the desk: " + masked,
  );
  await page.getByRole("button", { name: "Show QR" }).first().click();
  const found = page.locator("li img").first();
  await found.evaluate((i) => i.decode());
  check((await found.evaluate((i) => i.naturalWidth)) > 100, "the found ticket's QR is shown");
  const resent = Date.now() - 1000;
  await page.locator("li").first().getByRole("button", { name: "Send by SMS" }).click();
  await page.locator("li").first().getByText("Sent.").waitFor();
  check(await delivered(result.visitorPhone, resent), "the found ticket went out again by SMS");
  await shoot(page, "5-desk-find");
  result.walkInCode = walkInCode;
  result.walkInPhone = walkInPhone;
  await browser.close();
}

/** A scanner (a browser of its own, its camera showing `items`), on the gate, snapshot loaded. */
async function offlineScanner(session, items, name) {
  const video = join(OUT, name + ".y4m");
  await scriptedVideo(items, video);
  const browser = await launch([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  const page = await newPage(browser, PHONE, ["camera"], { cookies: session.cookies, origins: [] });
  await page.goto(BASE + "/#/scan/" + EVENT);
  await chooseGate(page);
  await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 20_000 });
  // The camera runs and its decoder (a .wasm fetched when the camera starts) is loaded: the
  // service worker keeps it for later, offline, visits.
  await page.waitForFunction(
    () =>
      document.querySelector("video")?.readyState >= 2 &&
      performance.getEntriesByType("resource").some((e) => e.name.endsWith(".wasm")),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(1000);
  return page;
}

async function verdictOf(page, timeout = 40_000) {
  const verdict = page.getByTestId("verdict");
  await verdict.waitFor({ timeout });
  return (await verdict.textContent()).trim();
}

async function offlineScanning(session) {
  log("volunteer: the network goes; the gate goes on");
  const ticket = (await registerByApi("Kiran Offline", 1)).ticket;
  const token = ticket.token;
  // The same token with one character of its signature changed.
  const at = token.length - 20;
  const forged = token.substring(0, at) + (token[at] === "A" ? "B" : "A") + token.substring(at + 1);
  // Nothing in view at first (the test cuts the network meanwhile), then the ticket, away, the
  // ticket again, away, the forged one.
  const page = await offlineScanner(
    session,
    [
      [null, 12],
      [token, 1],
      [null, 6],
      [token, 1],
      [null, 6],
      [forged, 1],
      [null, 30],
    ],
    "offline",
  );
  await page.context().setOffline(true);
  const banner = page.getByTestId("offline-banner");
  await banner.waitFor();
  check((await banner.textContent()).includes("OFFLINE"), "an unmistakable offline banner");
  await shoot(page, "7-scanner-offline");
  check((await verdictOf(page)) === "Admit", "admitted offline");
  await page.getByText("Decided on this device (offline)").waitFor();
  await page.locator("[data-verdict]").waitFor({ state: "detached", timeout: 10_000 });
  check((await verdictOf(page)) === "Already admitted", "the same ticket refused at once");
  await page.getByRole("button", { name: "Tap to continue" }).click();
  check((await verdictOf(page)) === "Not a valid ticket", "a forged ticket refused offline");
  await page.getByRole("button", { name: "Tap to continue" }).click();
  // A typed code cannot be checked offline: said so, nothing decided.
  await page.getByLabel("Ticket code").fill(ticket.code);
  await page.getByRole("button", { name: "Check" }).click();
  await page.locator('[data-verdict="amber"]').waitFor();
  await page.getByText(/A typed code needs the network/).waitFor();
  await page.getByRole("button", { name: "Tap to continue" }).click();
  check(
    (await banner.textContent()).includes(" 3 waiting"),
    "three scans queued: " + (await banner.textContent()),
  );

  // The page reloaded with the network still cut: the app shell from the service worker, the
  // volunteer still signed in on this device, the queue and the device's moves from IndexedDB.
  // The camera starts again and sees the admitted ticket: refused at once, still offline.
  await page.reload();
  await banner.waitFor({ timeout: 20_000 });
  // What the device kept is read back in a moment (IndexedDB answers asynchronously).
  await page
    .getByTestId("offline-banner")
    .filter({ hasText: " 3 waiting" })
    .waitFor({ timeout: 10_000 })
    .catch(async () =>
      check(false, "the queue survives a reload: " + (await banner.textContent())),
    );
  let again = "";
  for (let i = 0; i < 4 && again !== "Already admitted"; i++) {
    again = await verdictOf(page, 70_000);
    await page.getByText("Decided on this device (offline)").waitFor();
    await page.getByRole("button", { name: "Tap to continue" }).click();
  }
  check(again === "Already admitted", "after an offline reload the ticket is refused: " + again);
  await shoot(page, "7-scanner-offline-reloaded");
  const queued = Number(/ (\d+) waiting/.exec(await banner.textContent())[1]);
  check(queued >= 4, "the scans after the reload queued too: " + queued);

  await page.context().setOffline(false);
  const synced = page.getByTestId("sync-result");
  await synced.waitFor({ timeout: 30_000 });
  const text = (await synced.textContent()).trim();
  check(
    text.startsWith(`Offline scans sent: ${queued}. Conflicts: 0.`),
    "the queue drains: " + text,
  );
  await banner.waitFor({ state: "detached" });
  // The server's admission is the one made offline, at this gate.
  const gates = await json(`/api/gates?event=${EVENT}`, { token: result.volunteerToken });
  const answer = await json("/api/scans", {
    token: result.volunteerToken,
    method: "POST",
    body: { token, gateId: gates[0].id },
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  check(
    answer.outcome === "ALREADY_ADMITTED" && answer.firstGate === "Gate 1 (Main)",
    `the server has the offline admission: ${answer.outcome} at ${answer.firstGate}`,
  );
  log(
    `volunteer: ${queued} scans made offline (a reload among them), sent, the admission on the server`,
  );
  await page.context().browser().close();
}

async function offlineConflict(session) {
  log("volunteers: two scanners offline admit the same ticket");
  const ticket = (await registerByApi("Sunita Twice", 2)).ticket;
  const items = [
    [null, 12],
    [ticket.token, 1],
    [null, 60],
  ];
  const pages = await Promise.all([
    offlineScanner(session, items, "conflict-a"),
    offlineScanner(session, items, "conflict-b"),
  ]);
  await Promise.all(pages.map((p) => p.context().setOffline(true)));
  for (const page of pages) {
    check((await verdictOf(page)) === "Admit", "admitted offline on each scanner");
  }
  await Promise.all(pages.map((p) => p.context().setOffline(false)));
  const texts = [];
  for (const page of pages) {
    const synced = page.getByTestId("sync-result");
    await synced.waitFor({ timeout: 30_000 });
    texts.push((await synced.textContent()).trim());
  }
  check(
    texts.filter((t) => t.includes("Conflicts: 1.")).length === 1 &&
      texts.filter((t) => t.includes("Conflicts: 0.")).length === 1,
    "one of the two reports the conflict: " + texts.join(" | "),
  );
  result.conflictCode = ticket.code;
  await Promise.all(pages.map((p) => p.context().browser().close()));
}

async function dashboard() {
  log("admin: the dashboard moves when a ticket is scanned");
  const browser = await launch();
  const page = await newPage(browser, DESKTOP);
  await page.goto(BASE + "/#/dashboard/" + EVENT);
  await signIn(page, ADMIN);
  await page.locator('[data-connection="live"]').waitFor();
  const entries = page.getByTestId("figure-entries");
  await entries.waitFor();
  const before = Number(await entries.textContent());
  check(Number.isFinite(before) && before >= 2, "entries counted so far: " + before);
  await page.getByText(/Last update \d\d:\d\d:\d\d/).waitFor();
  const insideBefore = Number(await page.getByTestId("figure-inside").textContent());
  check(Number.isFinite(insideBefore), "people inside shown: " + insideBefore);

  const volunteer = result.volunteerToken;
  const gates = await json(`/api/gates?event=${EVENT}`, { token: volunteer });
  const answer = await json("/api/scans", {
    token: volunteer,
    method: "POST",
    body: { code: result.walkInCode, gateId: gates[0].id },
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  check(answer.outcome === "ADMITTED", "the walk-in is admitted: " + answer.outcome);
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="figure-entries"]')?.textContent) === n,
    before + 1,
    { timeout: 15_000 },
  );
  log(`admin: entries ${before} → ${before + 1} on the live dashboard`);
  const insideIs = (n) =>
    page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="figure-inside"]')?.textContent) === n,
      n,
      { timeout: 15_000 },
    );
  // The walk-in's party of 4 came in; then leaves: people inside move both ways.
  await insideIs(insideBefore + 4);
  const out = await json("/api/scans", {
    token: volunteer,
    method: "POST",
    body: { code: result.walkInCode, gateId: gates[0].id, direction: "OUT" },
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  check(out.outcome === "EXITED", "the walk-in's party leaves: " + out.outcome);
  await insideIs(insideBefore);
  log(`admin: people inside ${insideBefore} → ${insideBefore + 4} → ${insideBefore}`);
  await page.getByTestId("conflicts").getByText(result.conflictCode).waitFor({ timeout: 15_000 });
  log("admin: the offline conflict is listed on the dashboard");
  await page.waitForTimeout(500);
  await shoot(page, "6-dashboard");
  result.dashboardEntries = before + 1;
  await browser.close();
}

try {
  const video = await visitor();
  const session = await cameraScan(video);
  // The session cookie is the volunteer's token: the test's own API calls use it too.
  result.volunteerToken = session.cookies.find((c) => c.name === "pravesh_session").value;
  await manualEntryAndDesk(session);
  await offlineScanning(session);
  await offlineConflict(session);
  await dashboard();
  delete result.volunteerToken;
  console.log("RESULT " + JSON.stringify(result));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
  // What each open page showed when it failed.
  let n = 0;
  for (const browser of browsers) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        const file = join(OUT, `failure-${++n}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        console.error(`failure screenshot ${file} of ${page.url()}:`);
        console.error(
          (
            await page
              .locator("body")
              .innerText()
              .catch(() => "")
          ).substring(0, 2000),
        );
      }
    }
  }
} finally {
  await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
}
