import type { ScanOutcome } from "../api";
import { verifier, verifyToken, type OfflineTicket, type Verifier } from "./offlineToken";

// Scanning without the network (api.md, Entry: offline scanning). The device keeps the event's
// snapshot (keys, gates, revoked tickets, who is inside, who was admitted today), refreshed by
// deltas while online; when requests fail it decides from the snapshot and its own scans, queues
// them, and sends them with POST /api/scans/batch when the network is back. It never admits a
// ticket twice itself; two devices offline may, and the server reports that as a conflict.

/** The snapshot as kept: the server's, with the delta cursor and inside as a map. */
export type Snapshot = {
  event: { id: string; slug: string; timeZone: string; reentry: boolean };
  date: string;
  keys: { kid: string; publicKey: string }[];
  gates: { id: string; name: string }[];
  revoked: string[];
  /** Tickets inside: when they came in and at which gate. */
  inside: Record<string, { at: string; gate: string }>;
  admitted: string[];
  cursor: string;
};

/** What GET /api/scanner/snapshot answers (full, or a delta after a cursor). */
export type SnapshotAnswer = {
  event: Snapshot["event"];
  date: string;
  full: boolean;
  keys: Snapshot["keys"];
  gates: Snapshot["gates"];
  revoked: string[];
  inside: { tid: string; at: string; gate: string }[];
  admitted: string[];
  outside?: string[];
  cursor: string;
};

/** A scan made offline, waiting to be sent (the body of one item of POST /api/scans/batch). */
export type QueuedScan = {
  key: string;
  token: string;
  gateId: string;
  direction: "IN" | "OUT";
  scannedAt: string;
  offlineOutcome: ScanOutcome;
};

/** The snapshot after an answer: the answer itself when full or of another day, else merged. */
export function apply(kept: Snapshot | undefined, answer: SnapshotAnswer): Snapshot {
  const base: Snapshot =
    !answer.full && kept && kept.date === answer.date && kept.event.id === answer.event.id
      ? kept
      : { ...answer, revoked: [], inside: {}, admitted: [] };
  const inside = { ...base.inside };
  for (const tid of answer.outside ?? []) delete inside[tid];
  for (const { tid, at, gate } of answer.inside) inside[tid] = { at, gate };
  return {
    event: answer.event,
    date: answer.date,
    keys: answer.keys,
    gates: answer.gates,
    revoked: [...new Set([...base.revoked, ...answer.revoked])],
    inside,
    admitted: [...new Set([...base.admitted, ...answer.admitted])],
    cursor: answer.cursor,
  };
}

/**
 * This device's own moves since the snapshot, by ticket: whether it is inside after them. They
 * are applied over the snapshot, so that the device never admits a ticket twice itself, even when
 * a newer snapshot has not yet seen its queued scans.
 */
export type OwnMoves = Record<string, { inside: boolean; admitted: boolean }>;

/** Verifiers of the snapshot's keys, by key id; keys the browser cannot use are left out. */
export async function verifiers(snapshot: Snapshot): Promise<Map<string, Verifier>> {
  const all = new Map<string, Verifier>();
  for (const key of snapshot.keys) {
    try {
      all.set(key.kid, await verifier(key.publicKey));
    } catch {
      // not usable here: its tickets are INVALID offline
    }
  }
  return all;
}

/** An offline decision: the outcome and, when the token identified one, the ticket. */
export type OfflineDecision = { outcome: ScanOutcome; ticket?: OfflineTicket };

/**
 * Decides a scanned token as the server would, from the snapshot and this device's own moves: the
 * signature, the event and the date from the token, then the revoked, admitted and inside sets.
 * No VENUE_FULL offline: the device cannot know who came in elsewhere.
 */
export async function decide(
  text: string,
  direction: "IN" | "OUT",
  snapshot: Snapshot,
  keys: Map<string, Verifier>,
  own: OwnMoves,
  today: string,
): Promise<OfflineDecision> {
  const ticket = await verifyToken(text.trim(), (kid) => keys.get(kid));
  if (!ticket) return { outcome: "INVALID" };
  if (ticket.eventId !== snapshot.event.id) return { outcome: "WRONG_EVENT", ticket };
  if (ticket.date !== today || snapshot.date !== today) return { outcome: "WRONG_DATE", ticket };
  const mine = own[ticket.tid];
  const inside = mine ? mine.inside : ticket.tid in snapshot.inside;
  const admitted = mine?.admitted || snapshot.admitted.includes(ticket.tid);
  if (direction === "OUT") return { outcome: inside ? "EXITED" : "NOT_INSIDE", ticket };
  if (snapshot.revoked.includes(ticket.tid)) return { outcome: "REVOKED", ticket };
  if (inside) return { outcome: "ALREADY_ADMITTED", ticket };
  if (!admitted) return { outcome: "ADMITTED", ticket };
  return { outcome: snapshot.event.reentry ? "READMITTED" : "ALREADY_ADMITTED", ticket };
}

/** This device's moves after a decision (unchanged when the scan moved nobody). */
export function moved(own: OwnMoves, decision: OfflineDecision): OwnMoves {
  const tid = decision.ticket?.tid;
  if (!tid) return own;
  switch (decision.outcome) {
    case "ADMITTED":
    case "READMITTED":
      return { ...own, [tid]: { inside: true, admitted: true } };
    case "EXITED":
      return { ...own, [tid]: { inside: false, admitted: true } };
    default:
      return own;
  }
}

/** At most this many scans a batch (the server's limit). */
export const BATCH = 500;

/** A batch's answer, one result per scan sent. */
export type BatchResult = { key: string; outcome: ScanOutcome; conflict: boolean };

/**
 * Sends the queue in batches, oldest first. Returns the results of the batches the server
 * answered and the scans still waiting (the rest, when a batch failed: sent again later, with the
 * same keys, so that nothing is decided twice).
 */
export async function sendQueue(
  queue: QueuedScan[],
  deviceId: string,
  post: (body: { deviceId: string; scans: QueuedScan[] }) => Promise<{ results: BatchResult[] }>,
): Promise<{ results: BatchResult[]; waiting: QueuedScan[]; error?: unknown }> {
  const results: BatchResult[] = [];
  for (let i = 0; i < queue.length; i += BATCH) {
    try {
      const answer = await post({ deviceId, scans: queue.slice(i, i + BATCH) });
      results.push(...answer.results);
    } catch (error) {
      return { results, waiting: queue.slice(i), error };
    }
  }
  return { results, waiting: [] };
}

/**
 * Scans older than the server takes (24 hours, less a margin for the clock) cannot be sent: they
 * are dropped from the queue, counted, and the volunteer is told how many.
 */
export function tooOld(queue: QueuedScan[], now: number): { kept: QueuedScan[]; dropped: number } {
  const limit = now - 23.5 * 60 * 60 * 1000;
  const kept = queue.filter((scan) => Date.parse(scan.scannedAt) > limit);
  return { kept, dropped: queue.length - kept.length };
}
