import { describe, expect, it } from "vitest";
import type { ScanAnswer } from "../api";
import { REPEAT_MS, accepts, initialState, keyFor, reduce, type ScanState } from "./state";

const gate = { id: "g1", name: "Gate 1" };
const event = { slug: "fair", timeZone: "Asia/Kolkata" };
const answer = (outcome: ScanAnswer["outcome"], partySize = 3): ScanAnswer => ({
  outcome,
  ticket: { id: "t", code: "ABCD-EFGH", name: "Asha", partySize, date: "2026-12-01" },
});

function ready(): ScanState {
  return reduce(initialState({}, "2026-12-01"), { type: "gate", event, gate });
}

describe("scanner state", () => {
  it("sends nothing before a gate is chosen", () => {
    expect(accepts(initialState({}, "2026-12-01"), "TKT1.x", false, 0)).toBe(false);
    expect(accepts(ready(), "TKT1.x", false, 0)).toBe(true);
  });

  it("ignores the camera seeing the same code again, but not a different one or a typed one", () => {
    let s = reduce(ready(), { type: "scan", text: "A", manual: false, key: "k1", at: 0 });
    expect(accepts(s, "B", false, 1)).toBe(false); // one scan at a time
    s = reduce(s, { type: "answer", answer: answer("ADMITTED"), at: 100 });
    expect(accepts(s, "B", false, 200)).toBe(false); // the answer is on screen
    s = reduce(s, { type: "dismiss" });
    expect(accepts(s, "A", false, 100 + REPEAT_MS - 1)).toBe(false);
    expect(accepts(s, "A", false, 100 + REPEAT_MS)).toBe(true);
    expect(accepts(s, "B", false, 200)).toBe(true);
    expect(accepts(s, "A", true, 200)).toBe(true);
  });

  it("counts admissions (tickets and people) and only admissions", () => {
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

  it("shows green, red and amber, and scanning an unanswered code again reuses its key", () => {
    let s = reduce(ready(), { type: "scan", text: "A", manual: false, key: "k1", at: 0 });
    s = reduce(s, { type: "failure", failure: { kind: "network" }, at: 1 });
    expect(s.shown?.verdict).toBe("amber");
    expect(keyFor(s, "A", () => "fresh")).toBe("k1");
    expect(keyFor(s, "B", () => "fresh")).toBe("fresh");
    s = reduce(s, { type: "scan", text: "A", manual: false, key: "k1", at: 2 });
    s = reduce(s, { type: "answer", answer: answer("ADMITTED"), at: 3 });
    expect(s.shown?.verdict).toBe("green");
    expect(keyFor(s, "A", () => "fresh")).toBe("fresh");
    s = reduce(s, { type: "scan", text: "C", manual: true, key: "k3", at: 4 });
    s = reduce(s, { type: "answer", answer: answer("WRONG_DATE"), at: 5 });
    expect(s.shown?.verdict).toBe("red");
  });
});
