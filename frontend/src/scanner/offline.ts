import { ApiError, type ScanOutcome } from "../api";
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

/**
 * A scan made offline, waiting to be sent (the body of one item of POST /api/scans/batch, and the
 * ticket's id, kept on the device only).
 */
export type QueuedScan = {
  key: string;
  tid?: string;
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
 * This device's own moves, by ticket: whether it is inside after them, and when the device learnt
 * it (decided offline, queued; or answered online). They are applied over the snapshot, so that
 * the device never admits a ticket twice itself, even when its snapshot has not yet seen them.
 */
export type OwnMoves = Record<
  string,
  {
    /** Whether inside after it; undefined: not known here (the snapshot says). */
    inside?: boolean;
    admitted?: boolean;
    at: number;
    queued: boolean;
    /** The server answered REVOKED: refused here too. */
    revoked?: boolean;
    /** A scan the server refused to take: the server will never show this move; kept all day. */
    held?: boolean;
  }
>;

/**
 * The moves a snapshot asked for at `asked` shows: those learnt before it, except queued ones
 * while scans are still waiting to be sent (the server has not decided them yet) and held ones.
 */
export function seen(own: OwnMoves, asked: number, queueEmpty: boolean): OwnMoves {
  return Object.fromEntries(
    Object.entries(own).filter(
      ([, move]) => move.at >= asked || move.held || (move.queued && !queueEmpty),
    ),
  );
}

/** The moves with those of `tids` held for the rest of the day. */
export function hold(own: OwnMoves, tids: (string | undefined)[]): OwnMoves {
  const held = { ...own };
  for (const tid of tids) if (tid && held[tid]) held[tid] = { ...held[tid], held: true };
  return held;
}

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

/**
 * An offline decision: the outcome and, when the token identified one, the ticket; or none, when
 * the device cannot decide (its snapshot is of another day, or the token's key is not in it): the
 * volunteer is told it needs the network, and nothing is queued (the server would decide it
 * differently from what the volunteer was told).
 */
export type OfflineDecision =
  | { outcome: ScanOutcome; ticket?: OfflineTicket }
  | { undecided: "stale-snapshot" | "unknown-key"; ticket?: OfflineTicket };

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
  let unknownKey = false;
  const ticket = await verifyToken(text.trim(), (kid) => {
    unknownKey = !keys.has(kid);
    return keys.get(kid);
  });
  if (!ticket) return unknownKey ? { undecided: "unknown-key" } : { outcome: "INVALID" };
  if (ticket.eventId !== snapshot.event.id) return { outcome: "WRONG_EVENT", ticket };
  if (ticket.date !== today) return { outcome: "WRONG_DATE", ticket };
  // Today's ticket, and the snapshot of another day (none came since midnight): who got in today
  // is not known here.
  if (snapshot.date !== today) return { undecided: "stale-snapshot", ticket };
  const mine = own[ticket.tid];
  const inside = mine?.inside ?? ticket.tid in snapshot.inside;
  const admitted = mine?.admitted || snapshot.admitted.includes(ticket.tid);
  if (direction === "OUT") return { outcome: inside ? "EXITED" : "NOT_INSIDE", ticket };
  if (mine?.revoked || snapshot.revoked.includes(ticket.tid)) return { outcome: "REVOKED", ticket };
  if (inside) return { outcome: "ALREADY_ADMITTED", ticket };
  if (!admitted) return { outcome: "ADMITTED", ticket };
  return { outcome: snapshot.event.reentry ? "READMITTED" : "ALREADY_ADMITTED", ticket };
}

/**
 * This device's moves after an answer about ticket `tid` (decided here and queued, or given by
 * the server online); unchanged when the answer moved nobody. An online refusal is remembered
 * too (until the snapshot shows it): "already in" as admitted (and inside, where the event lets
 * people back in: the server would have let it in again were it outside), REVOKED as revoked.
 */
export function moved(
  own: OwnMoves,
  tid: string | undefined,
  outcome: ScanOutcome,
  at: number,
  queued: boolean,
  reentry = true,
): OwnMoves {
  if (!tid) return own;
  const before = own[tid];
  switch (outcome) {
    case "ADMITTED":
    case "READMITTED":
      return { ...own, [tid]: { inside: true, admitted: true, at, queued } };
    case "EXITED":
      return { ...own, [tid]: { inside: false, admitted: true, at, queued } };
    case "ALREADY_ADMITTED":
      return queued
        ? own
        : {
            ...own,
            [tid]: {
              ...before,
              inside: reentry ? true : before?.inside,
              admitted: true,
              at,
              queued,
            },
          };
    case "REVOKED":
      return queued ? own : { ...own, [tid]: { ...before, revoked: true, at, queued } };
    default:
      return own;
  }
}

/** At most this many scans a batch (the server's limit). */
export const BATCH = 500;

/** A batch's answer, one result per scan sent. */
export type BatchResult = { key: string; outcome: ScanOutcome; conflict: boolean };

/** A scan the server refused to take (a 400 naming it): kept aside on the device, reported. */
export type Refused = { scan: QueuedScan; reason: string };

/**
 * Sends the queue in batches, oldest first. Returns the results of the batches the server
 * answered, the scans it refused (a 400 about scans names them by index, a clock far off, a gate
 * unknown: the rest of that batch is sent again without them; naming none, the batch is halved
 * until the refused scan is alone), and the scans still waiting (the rest, when a batch got no
 * answer or a 400 about the body itself: sent again later, with the same keys, so that nothing
 * is decided twice).
 */
export async function sendQueue(
  queue: QueuedScan[],
  deviceId: string,
  post: (body: { deviceId: string; scans: QueuedScan[] }) => Promise<{ results: BatchResult[] }>,
): Promise<{ results: BatchResult[]; refused: Refused[]; waiting: QueuedScan[]; error?: unknown }> {
  const results: BatchResult[] = [];
  const refused: Refused[] = [];
  // Sends a batch; on a 400, again without the scans it names, or in halves when it names none
  // (until the one it refuses is alone). Throws when a batch gets no answer.
  const send = async (batch: QueuedScan[]): Promise<void> => {
    try {
      const answer = await post({ deviceId, scans: batch.map(({ tid: _, ...item }) => item) });
      results.push(...answer.results);
    } catch (error) {
      const named = refusedIn(error, batch);
      if (!named) throw error;
      if (named.length > 0) {
        refused.push(...named);
        const out = new Set(named.map((r) => r.scan));
        const rest = batch.filter((scan) => !out.has(scan));
        if (rest.length > 0) await send(rest);
      } else if (batch.length === 1) {
        refused.push({ scan: batch[0], reason: (error as ApiError).detail });
      } else {
        const half = Math.ceil(batch.length / 2);
        await send(batch.slice(0, half));
        await send(batch.slice(half));
      }
    }
  };
  for (let i = 0; i < queue.length; i += BATCH) {
    try {
      await send(queue.slice(i, i + BATCH));
    } catch (error) {
      const done = new Set([...results.map((r) => r.key), ...refused.map((r) => r.scan.key)]);
      return { results, refused, waiting: queue.slice(i).filter((s) => !done.has(s.key)), error };
    }
  }
  return { results, refused, waiting: [] };
}

/** The scans of `batch` a 400 names, with why; undefined when the error is not a 400. */
function refusedIn(error: unknown, batch: QueuedScan[]): Refused[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  const reasons = new Map<number, string[]>();
  const errors = error.body.errors;
  // A 400 about the body itself (not its scans) is no scan's fault: the batch stays queued.
  if (
    errors &&
    typeof errors === "object" &&
    Object.keys(errors).some((f) => !f.startsWith("scans"))
  )
    return undefined;
  if (errors && typeof errors === "object") {
    for (const [field, message] of Object.entries(errors as Record<string, unknown>)) {
      const index = /^scans\[(\d+)\]/.exec(field);
      if (index && Number(index[1]) < batch.length) {
        const i = Number(index[1]);
        reasons.set(i, [...(reasons.get(i) ?? []), String(message)]);
      }
    }
  }
  // Naming no scan: [] (the caller finds which, by halves).
  return [...reasons].map(([i, why]) => ({ scan: batch[i], reason: why.join("; ") }));
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
