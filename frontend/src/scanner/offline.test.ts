import { beforeAll, describe, expect, it } from "vitest";
import {
  apply,
  decide,
  hold,
  moved,
  seen,
  sendQueue,
  tooOld,
  verifiers,
  type OfflineDecision,
  type OwnMoves,
  type QueuedScan,
  type Snapshot,
  type SnapshotAnswer,
} from "./offline";
import type { Verifier } from "./offlineToken";
import { ApiError } from "../api";

const EVENT_ID = "5f0c2ab6-8d7b-4c1e-a93f-2b6d8e1f0a7c";
const EID = Buffer.from(EVENT_ID.replace(/-/g, ""), "hex")
  .toString("base64")
  .replace(/\+/g, "-")
  .replace(/\//g, "_")
  .replace(/=+$/, "");
const TODAY = "2026-12-02";

const b64url = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

let keys: CryptoKeyPair;
let publicKey: string;
async function token(tid: string, fields: Record<string, unknown> = {}, signWith = keys) {
  const payload = Buffer.from(
    JSON.stringify({ tid, eid: EID, date: TODAY, n: 2, kid: "k1", ...fields }),
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign("Ed25519", signWith.privateKey, new Uint8Array(payload)),
  );
  return `TKT1.${b64url(payload)}.${b64url(signature)}`;
}

const answer = (over: Partial<SnapshotAnswer> = {}): SnapshotAnswer => ({
  event: { id: EVENT_ID, slug: "fair", timeZone: "Asia/Kolkata", reentry: true },
  date: TODAY,
  full: true,
  keys: [{ kid: "k1", publicKey }],
  gates: [{ id: "g1", name: "North" }],
  revoked: [],
  inside: [],
  admitted: [],
  cursor: "c0",
  ...over,
});

beforeAll(async () => {
  const generate = () =>
    crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ]) as Promise<CryptoKeyPair>;
  keys = await generate();
  publicKey = Buffer.from(await crypto.subtle.exportKey("raw", keys.publicKey)).toString("base64");
});

describe("the offline snapshot", () => {
  it("merges deltas into the same sets as a full snapshot", () => {
    const first = apply(
      undefined,
      answer({
        inside: [
          { tid: "A", at: "t1", gate: "g1" },
          { tid: "B", at: "t2", gate: "g1" },
        ],
        admitted: ["A", "B"],
      }),
    );
    const next = apply(
      first,
      answer({
        full: false,
        inside: [{ tid: "C", at: "t3", gate: "g1" }],
        outside: ["A"],
        admitted: ["A", "C"],
        revoked: ["D"],
        cursor: "c1",
      }),
    );
    expect(Object.keys(next.inside).sort()).toEqual(["B", "C"]);
    expect(next.admitted.sort()).toEqual(["A", "B", "C"]);
    expect(next.revoked).toEqual(["D"]);
    expect(next.cursor).toBe("c1");
  });

  it("starts afresh from a full answer or a new day, whatever it kept", () => {
    const kept = apply(undefined, answer({ admitted: ["A"], revoked: ["R"] }));
    expect(apply(kept, answer({ full: true })).admitted).toEqual([]);
    expect(apply(kept, answer({ full: false, date: "2026-12-03" })).revoked).toEqual([]);
  });
});

describe("deciding offline", () => {
  let snapshot: Snapshot;
  let verify: Map<string, Verifier>;
  beforeAll(async () => {
    snapshot = apply(
      undefined,
      answer({
        inside: [{ tid: "INSIDE", at: "t", gate: "g1" }],
        admitted: ["INSIDE", "LEFT"],
        revoked: ["GONE"],
      }),
    );
    verify = await verifiers(snapshot);
  });
  const outcomeOf = (decision: OfflineDecision) =>
    "outcome" in decision ? decision.outcome : decision.undecided;
  const decideIn = async (t: string, own: OwnMoves = {}, direction: "IN" | "OUT" = "IN") =>
    outcomeOf(await decide(t, direction, snapshot, verify, own, TODAY));
  const move = (own: OwnMoves, decision: OfflineDecision, at = 1) =>
    "outcome" in decision ? moved(own, decision.ticket?.tid, decision.outcome, at, true) : own;

  it("admits a valid ticket once, then refuses it at once", async () => {
    const scanned = await token("NEW");
    const first = await decide(scanned, "IN", snapshot, verify, {}, TODAY);
    expect(outcomeOf(first)).toBe("ADMITTED");
    const own = move({}, first);
    expect(await decideIn(scanned, own)).toBe("ALREADY_ADMITTED");
    // Out and back in: re-entry, as the event allows it.
    const out = await decide(scanned, "OUT", snapshot, verify, own, TODAY);
    expect(outcomeOf(out)).toBe("EXITED");
    expect(await decideIn(scanned, move(own, out))).toBe("READMITTED");
  });

  it("refuses a ticket the server admitted while this device was online", async () => {
    // Answered online a moment ago; the snapshot has not seen it yet.
    const own = moved({}, "ONLINE", "ADMITTED", 5_000, false);
    expect(await decideIn(await token("ONLINE"), own)).toBe("ALREADY_ADMITTED");
    // A snapshot asked for after the answer shows it: the device's own note goes. One asked for
    // before it (on its way while the scan was answered) does not, and the note stays.
    expect(seen(own, 4_000, true)).toEqual(own);
    expect(seen(own, 6_000, true)).toEqual({});
    // A queued move stays until the queue is sent, however new the snapshot.
    const queued = moved({}, "QUEUED", "ADMITTED", 5_000, true);
    expect(seen(queued, 9_000, false)).toEqual(queued);
    expect(seen(queued, 9_000, true)).toEqual({});
  });

  it("remembers what the server answered online: in already, or revoked", async () => {
    let own = moved({}, "SEEN", "ALREADY_ADMITTED", 5_000, false);
    own = moved(own, "CANCELLED", "REVOKED", 5_000, false);
    expect(await decideIn(await token("SEEN"), own)).toBe("ALREADY_ADMITTED");
    expect(await decideIn(await token("CANCELLED"), own)).toBe("REVOKED");
    // Revoked says nothing of where the ticket is: the snapshot's inside still lets it leave.
    const leaving = moved({}, "INSIDE", "REVOKED", 5_000, false);
    expect(await decideIn(await token("INSIDE"), leaving, "OUT")).toBe("EXITED");
    // Without re-entry, "already in" may be of one who left: where it is stays the snapshot's.
    const left = moved({}, "LEFT", "ALREADY_ADMITTED", 5_000, false, false);
    expect(left.LEFT.inside).toBeUndefined();
    expect(await decideIn(await token("LEFT"), left, "OUT")).toBe("NOT_INSIDE");
    // Decided here (queued), a refusal is the snapshot's own answer: nothing to remember.
    expect(moved({}, "SEEN", "ALREADY_ADMITTED", 5_000, true)).toEqual({});
  });

  it("keeps all day the moves of scans the server refused to take", () => {
    const own = hold(moved({}, "REFUSED", "ADMITTED", 5_000, true), ["REFUSED", undefined]);
    expect(seen(own, 9_000, true)).toEqual(own);
  });

  it("does not guess with a snapshot of another day or a key it does not have", async () => {
    const yesterday = { ...snapshot, date: "2026-12-01" };
    const stale = await decide(await token("NEW"), "IN", yesterday, verify, {}, TODAY);
    expect(stale).toMatchObject({ undecided: "stale-snapshot", ticket: { tid: "NEW" } });
    // A key made after the snapshot (rotated): not a forgery, not known here either.
    expect(await decideIn(await token("NEW", { kid: "k9" }))).toBe("unknown-key");
  });

  it("decides from the snapshot's sets", async () => {
    expect(await decideIn(await token("INSIDE"))).toBe("ALREADY_ADMITTED");
    expect(await decideIn(await token("LEFT"))).toBe("READMITTED");
    expect(await decideIn(await token("GONE"))).toBe("REVOKED");
    // A revoked ticket inside may still leave; one not inside is not.
    expect(await decideIn(await token("GONE"), {}, "OUT")).toBe("NOT_INSIDE");
    expect(await decideIn(await token("INSIDE"), {}, "OUT")).toBe("EXITED");
  });

  it("refuses forged tokens, other events and other dates", async () => {
    const other = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    expect(await decideIn(await token("NEW", {}, other))).toBe("INVALID");
    expect(await decideIn("TKT1.garbage")).toBe("INVALID");
    const elsewhere = Buffer.alloc(16, 7).toString("base64url");
    expect(await decideIn(await token("NEW", { eid: elsewhere }))).toBe("WRONG_EVENT");
    expect(await decideIn(await token("NEW", { date: "2026-12-03" }))).toBe("WRONG_DATE");
  });

  it("keeps a readmitted ticket out when the event has no re-entry", async () => {
    const strict = { ...snapshot, event: { ...snapshot.event, reentry: false } };
    const outcome = await decide(await token("LEFT"), "IN", strict, verify, {}, TODAY);
    expect(outcomeOf(outcome)).toBe("ALREADY_ADMITTED");
  });
});

describe("the queue", () => {
  const scan = (key: string, scannedAt = new Date().toISOString()): QueuedScan => ({
    key,
    token: "t",
    gateId: "g1",
    direction: "IN",
    scannedAt,
    offlineOutcome: "ADMITTED",
  });

  it("goes in batches of 500 and keeps what was not answered", async () => {
    const queue = Array.from({ length: 1200 }, (_, i) => scan("k" + i));
    const sizes: number[] = [];
    let calls = 0;
    const sent = await sendQueue(queue, "d1", async (body) => {
      sizes.push(body.scans.length);
      if (++calls === 2) throw new Error("network");
      return {
        results: body.scans.map((s) => ({ key: s.key, outcome: "ADMITTED", conflict: false })),
      };
    });
    expect(sizes).toEqual([500, 500]);
    expect(sent.results).toHaveLength(500);
    expect(sent.waiting.map((s) => s.key)).toEqual(queue.slice(500).map((s) => s.key));
    expect(sent.error).toBeInstanceOf(Error);
  });

  it("sets aside the scans a 400 names, and sends the rest of their batch", async () => {
    const queue = Array.from({ length: 600 }, (_, i) => scan("k" + i));
    const sizes: number[] = [];
    const sent = await sendQueue(queue, "d1", async (body) => {
      sizes.push(body.scans.length);
      const bad = body.scans.findIndex((s) => s.key === "k3" || s.key === "k550");
      if (bad >= 0)
        throw new ApiError(400, "validation", "Some scans are not valid", undefined, {
          errors: { [`scans[${bad}].scannedAt`]: "In the future: check the device's clock" },
        });
      return {
        results: body.scans.map((s) => ({ key: s.key, outcome: "ADMITTED", conflict: false })),
      };
    });
    expect(sent.refused.map((r) => r.scan.key)).toEqual(["k3", "k550"]);
    expect(sent.refused[0].reason).toContain("clock");
    expect(sent.results).toHaveLength(598);
    expect(sent.waiting).toEqual([]);
    expect(sent.error).toBeUndefined();
    expect(sizes).toEqual([500, 499, 100, 99]);
  });

  it("finds by halves the scan a 400 refuses without naming it, and sends the others", async () => {
    const queue = Array.from({ length: 8 }, (_, i) => ({ ...scan("k" + i), tid: "t" + i }));
    const sent = await sendQueue(queue, "d1", async (body) => {
      // The device's own note of the ticket never goes to the server.
      expect(body.scans.every((s) => !("tid" in s))).toBe(true);
      if (body.scans.some((s) => s.key === "k5"))
        throw new ApiError(400, "validation", "Some scans are not valid", undefined, {});
      return {
        results: body.scans.map((s) => ({ key: s.key, outcome: "ADMITTED", conflict: false })),
      };
    });
    expect(sent.refused.map((r) => r.scan.key)).toEqual(["k5"]);
    expect(sent.refused[0].scan.tid).toBe("t5");
    expect(sent.results.map((r) => r.key).sort()).toEqual(
      ["k0", "k1", "k2", "k3", "k4", "k6", "k7"].sort(),
    );
    expect(sent.waiting).toEqual([]);
  });

  it("keeps the batch queued when a 400 is about the body, not its scans", async () => {
    const sent = await sendQueue([scan("a"), scan("b")], "d1", async () => {
      throw new ApiError(400, "validation", "Some fields are not valid", undefined, {
        errors: { deviceId: "At most 100 characters" },
      });
    });
    expect(sent.refused).toEqual([]);
    expect(sent.waiting.map((s) => s.key)).toEqual(["a", "b"]);
    expect(sent.error).toBeInstanceOf(ApiError);
  });

  it("keeps waiting what a lost answer left unsent, even mid-halving", async () => {
    const queue = Array.from({ length: 4 }, (_, i) => scan("k" + i));
    let calls = 0;
    const sent = await sendQueue(queue, "d1", async (body) => {
      calls++;
      if (calls === 1) throw new ApiError(400, "validation", "bad", undefined, {});
      if (calls === 3) throw new TypeError("Failed to fetch");
      return {
        results: body.scans.map((s) => ({ key: s.key, outcome: "ADMITTED", conflict: false })),
      };
    });
    expect(sent.results.map((r) => r.key)).toEqual(["k0", "k1"]);
    expect(sent.waiting.map((s) => s.key)).toEqual(["k2", "k3"]);
    expect(sent.error).toBeInstanceOf(TypeError);
  });

  it("drops scans too old for the server, and says how many", () => {
    const now = Date.parse("2026-12-02T12:00:00Z");
    const { kept, dropped } = tooOld(
      [scan("old", "2026-12-01T11:00:00Z"), scan("new", "2026-12-02T11:00:00Z")],
      now,
    );
    expect(kept.map((s) => s.key)).toEqual(["new"]);
    expect(dropped).toBe(1);
  });
});
