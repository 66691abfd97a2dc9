// A ticket's QR text, read and verified on the device, as the server does (TicketToken.verify):
// `TKT1.<payload>.<signature>`, both base64url without padding; the payload is compact JSON
// {"tid","eid","date","n","kid"}, the signature Ed25519 over the payload's bytes with the event's
// key `kid`. What the scanner decides from when the network is gone: a forged or garbled token is
// refused from its text alone. Like the server, it takes only the payload the server makes (the
// same bytes as TicketToken.payloadJson), and it also refuses an impossible date.

export type OfflineTicket = {
  /** The ticket's id. */
  tid: string;
  /** The event's id (a UUID). */
  eventId: string;
  /** The day it is for, yyyy-mm-dd. */
  date: string;
  /** The party size. */
  n: number;
  kid: string;
};

type Bytes = Uint8Array<ArrayBuffer>;

/** Whether `signature` is the key's Ed25519 signature of `message`; `via` says which code checks. */
export type Verifier = ((signature: Bytes, message: Bytes) => Promise<boolean>) & {
  via: "webcrypto" | "noble";
};

const PREFIX = "TKT1.";
const MAX_LENGTH = 220;

/**
 * A verifier for a public key as the API gives it (standard base64 of the raw 32 bytes):
 * WebCrypto's Ed25519 where the browser has it, @noble/ed25519 otherwise (strict RFC 8032, as the
 * server's Bouncy Castle). Throws for a key that is not one (its caller skips that key), for a
 * small-order key (with which WebCrypto would accept forged signatures), and without WebCrypto at
 * all (a page not on a secure origin, where the camera does not work either).
 */
export async function verifier(publicKey: string, webCrypto = true): Promise<Verifier> {
  if (!globalThis.crypto?.subtle) throw new Error("verifying tickets needs a secure origin");
  if (!/^[A-Za-z0-9+/]{43}=$/.test(publicKey)) throw new Error("not a raw Ed25519 key");
  const raw = Uint8Array.from(atob(publicKey), (c) => c.charCodeAt(0));
  const noble = await import("@noble/ed25519");
  if (noble.Point.fromBytes(raw, false).isSmallOrder()) throw new Error("a small-order key");
  if (webCrypto) {
    try {
      const key = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
      return Object.assign(
        (signature: Bytes, message: Bytes) =>
          crypto.subtle.verify({ name: "Ed25519" }, key, signature, message).catch(() => false),
        { via: "webcrypto" as const },
      );
    } catch {
      // a browser without Ed25519 in WebCrypto
    }
  }
  return Object.assign(
    (signature: Bytes, message: Bytes) =>
      noble.verifyAsync(signature, message, raw, { zip215: false }).catch(() => false),
    { via: "noble" as const },
  );
}

/** The ticket in `text` if it is a token signed by one of `keys` (by key id), else undefined. */
export async function verifyToken(
  text: string,
  keys: (kid: string) => Verifier | undefined,
): Promise<OfflineTicket | undefined> {
  if (text.length > MAX_LENGTH || !text.startsWith(PREFIX)) return undefined;
  const parts = text.substring(PREFIX.length).split(".");
  if (parts.length !== 2) return undefined;
  const payload = fromBase64Url(parts[0]);
  const signature = fromBase64Url(parts[1]);
  if (!payload || !signature) return undefined; // a signature of another length does not verify
  const ticket = parse(payload);
  const verify = ticket && keys(ticket.kid);
  if (!ticket || !verify) return undefined;
  return (await verify(signature, payload)) ? ticket : undefined;
}

function parse(payload: Bytes): OfflineTicket | undefined {
  try {
    // The BOM kept, so that JSON.parse refuses it as the server does.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(payload);
    const json = JSON.parse(text);
    const { tid, eid, date, n, kid } = json ?? {};
    if (typeof tid !== "string" || typeof eid !== "string" || typeof kid !== "string") return;
    if (typeof date !== "string") return;
    // A real day in yyyy-mm-dd (Date throws for other forms, and moves 02-30 to March).
    if (new Date(date + "T00:00:00Z").toISOString().substring(0, 10) !== date) return;
    if (!Number.isInteger(n) || n < 1) return;
    // Only the payload the server makes: these fields in this order, nothing around them.
    if (JSON.stringify({ tid, eid, date, n, kid }) !== text) return;
    const id = fromBase64Url(eid, false);
    if (!id || id.length !== 16) return;
    return { tid, eventId: uuid(id), date, n, kid };
  } catch {
    return undefined;
  }
}

/**
 * Bytes of base64url without padding; undefined unless `text` is their canonical encoding (as the
 * server: a last character differing only in unused bits would decode to the same bytes).
 */
function fromBase64Url(text: string, canonical = true): Bytes | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const standard = text.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(
    atob(standard + "==".substring(0, (4 - (text.length % 4)) % 4)),
    (c) => c.charCodeAt(0),
  );
  if (canonical && toBase64Url(bytes) !== text) return undefined;
  return bytes;
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function uuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
