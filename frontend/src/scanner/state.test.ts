import { describe, expect, it } from "vitest";
import type { ScanAnswer } from "../api";
import {
  REPEAT_MS,
  UNANSWERED_MS,
  accepts,
  initialState,
  keyFor,
  reduce,
  saved,
  type ScanState,
} from "./state";

const gate = { id: "g1", name: "Gate 1" };
const event = { slug: "fair", timeZone: "Asia/Kolkata" };
const answer = (outcome: ScanAnswer["outcome"], partySize = 3): ScanAnswer => ({
  outcome,
  ticket: { id: "t", code: "ABCD-EFGH", name: "Asha", partySize, date: "2026-12-01" },
});
const fresh = () => "fresh";
const keyOf = (s: ScanState, text: string, at: number) => keyFor(s, text, fresh, at).key;

function ready(): ScanState {
  return reduce(initialState({}, "2026-12-01", 0), { type: "gate", event, gate });
}

/** A camera scan of `text` at `at` with its key, answered (or not) at `at + 1`. */
function scanned(s: ScanState, text: string, at: number, outcome?: ScanAnswer["outcome"]) {
  const { key, retried } = keyFor(s, text, () => `key-${text}-${at}`, at);
  s = reduce(s, { type: "scan", text, manual: false, key, retried, at });
  return outcome
    ? reduce(s, { type: "answer", answer: answer(outcome), at: at + 1 })
    : reduce(s, { type: "failure", failure: { kind: "network" }, at: at + 1 });
}

describe("scanner state", () => {
  it("sends nothing before a gate is chosen, and one scan at a time", () => {
    expect(accepts(initialState({}, "2026-12-01"), "TKT1.x", false, 0)).toBe(false);
    const s = reduce(ready(), { type: "scan", text: "A", manual: false, key: "k1", at: 0 });
    expect(accepts(s, "B", false, 1)).toBe(false);
    expect(accepts(s, "B", true, 1)).toBe(false);
  });

  it("treats a code held in view as one scan, however long; out of view a while, a new one", () => {
    let s = scanned(ready(), "A", 0, "ADMITTED");
    expect(accepts(s, "B", false, 200)).toBe(false); // the answer is on screen
    s = reduce(s, { type: "dismiss" });
    // The visitor keeps holding the phone up for 20 s: every sighting extends the same scan.
    for (let t = 300; t < 20_000; t += 300) {
      expect(accepts(s, "A", false, t)).toBe(false);
      s = reduce(s, { type: "seen", text: "A", at: t });
    }
    expect(accepts(s, "A", false, 19_800 + REPEAT_MS - 1)).toBe(false);
    expect(accepts(s, "A", false, 19_800 + REPEAT_MS)).toBe(true);
    expect(accepts(s, "B", false, 20_000)).toBe(true);
    expect(accepts(s, "A", true, 20_000)).toBe(true); // typed by the volunteer: always sent
  });

  it("does not reuse an unanswered entry's key for an exit of the same code", () => {
    const s = scanned(ready(), "A", 0); // an entry without an answer
    const again = keyFor(s, "A", fresh, 10, "IN");
    expect(again).toEqual({ key: "key-A-0", retried: true });
    expect(keyFor(s, "A", fresh, 10, "OUT")).toEqual({ key: "fresh", retried: false });
  });

  it("reuses an unanswered scan's key whenever that code comes again, after other scans too", () => {
    let s = scanned(ready(), "B", 0); // lost answer: amber
    expect(s.shown?.verdict).toBe("amber");
    expect(s.failed?.text).toBe("B");
    s = reduce(s, { type: "dismiss" });
    s = scanned(s, "C", 10_000, "ADMITTED"); // the next visitor goes first
    s = reduce(s, { type: "dismiss" });
    expect(keyOf(s, "B", 20_000)).toBe("key-B-0");
    // A reload of the page keeps it (saved with the gate on the device).
    const reloaded = initialState(JSON.parse(JSON.stringify(saved(s))), "2026-12-01", 30_000);
    expect(keyOf(reloaded, "B", 30_000)).toBe("key-B-0");
    // Once B is answered the key is done with; a later scan of B is a new physical scan.
    s = scanned(s, "B", 40_000, "ADMITTED");
    expect(keyOf(s, "B", 50_000)).toBe("fresh");
    // Very old unanswered scans are forgotten.
    const old = scanned(ready(), "D", 0);
    expect(keyOf(old, "D", UNANSWERED_MS + 10)).toBe("fresh");
  });

  it("keeps unanswered keys per gate, flags a replayed decision, and never stretches the window", () => {
    let s = scanned(ready(), "B", 0);
    s = reduce(s, { type: "dismiss" });
    const other = reduce(s, { type: "gate", event, gate: { id: "g2", name: "Gate 2" } });
    expect(keyOf(other, "B", 1000)).toBe("fresh"); // another gate: a new scan
    // Retried at 60 s and unanswered again: the window still ends UNANSWERED_MS after the first.
    s = scanned(s, "B", 60_000);
    s = reduce(s, { type: "dismiss" });
    expect(keyOf(s, "B", UNANSWERED_MS - 1)).toBe("key-B-0");
    expect(keyOf(s, "B", UNANSWERED_MS + 1)).toBe("fresh");
    // The retry's ADMITTED is the earlier scan's decision: shown as such, counted once.
    const replayed = scanned(s, "B", 90_000, "ADMITTED");
    expect(replayed.shown).toMatchObject({ verdict: "green", replayed: true });
    expect(replayed.today.tickets).toBe(1);
    expect(scanned(ready(), "B", 0, "ADMITTED").shown).toMatchObject({ replayed: false });
  });

  it("keeps several codes in view as one scan each (the next visitor's phone, a sticker)", () => {
    let s = scanned(ready(), "A", 0, "ADMITTED");
    s = reduce(s, { type: "dismiss" });
    s = scanned(s, "B", 300, "ADMITTED"); // B came into view too
    s = reduce(s, { type: "dismiss" });
    for (let t = 600; t < 10_000; t += 300) {
      for (const code of ["A", "B"]) {
        expect(accepts(s, code, false, t)).toBe(false);
        s = reduce(s, { type: "seen", text: code, at: t });
      }
    }
  });

  it("counts admissions (tickets and people) and only admissions, per day", () => {
    let s = ready();
    for (const outcome of ["ADMITTED", "ALREADY_ADMITTED", "READMITTED", "INVALID"] as const) {
      s = reduce(s, { type: "scan", text: outcome, manual: true, key: outcome, at: 0 });
      s = reduce(s, { type: "answer", answer: answer(outcome, 2), at: 1 });
    }
    expect(s.today).toEqual({ date: "2026-12-01", tickets: 2, people: 4 });
    expect(reduce(s, { type: "day", date: "2026-12-02" }).today).toEqual({
      date: "2026-12-02",
      tickets: 0,
      people: 0,
    });
    expect(initialState({ today: s.today }, "2026-12-01").today.tickets).toBe(2);
    expect(initialState({ today: s.today }, "2026-12-02").today.tickets).toBe(0);
  });

  it("shows green for admissions, red for refusals, amber when nothing was decided", () => {
    expect(scanned(ready(), "A", 0, "ADMITTED").shown?.verdict).toBe("green");
    expect(scanned(ready(), "A", 0, "WRONG_DATE").shown?.verdict).toBe("red");
    expect(scanned(ready(), "A", 0, "ALREADY_ADMITTED").shown?.verdict).toBe("red");
    expect(scanned(ready(), "A", 0).shown?.verdict).toBe("amber");
  });
});
