import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifier, verifyToken, type Verifier } from "./offlineToken";

// A token made and signed by the server's own code (TicketToken.sign, Bouncy Castle's Ed25519).
const SERVER = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "server-token.json"), "utf8"),
);
const EID = "Xwwqto17TB6aPyttjh8KfA"; // the fixture's event id, as a token carries it

const b64url = (bytes: Uint8Array | string) =>
  Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** A key pair of our own, to sign payloads the server would never make. */
let own: CryptoKeyPair;
let ownPublic: string;
async function signed(payload: string | Uint8Array, signatureBytes = 64) {
  const bytes = new Uint8Array(typeof payload === "string" ? Buffer.from(payload) : payload);
  const signature = new Uint8Array(await crypto.subtle.sign("Ed25519", own.privateKey, bytes));
  return `TKT1.${b64url(bytes)}.${b64url(signature.subarray(0, signatureBytes))}`;
}
const json = (fields: Record<string, unknown>) =>
  JSON.stringify({ tid: "AB12CD34EF56", eid: EID, date: "2026-12-02", n: 2, kid: "k1", ...fields });

beforeAll(async () => {
  own = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  ownPublic = Buffer.from(await crypto.subtle.exportKey("raw", own.publicKey)).toString("base64");
});

describe.each([
  ["webcrypto", true],
  ["noble", false],
] as const)("a ticket verified offline (%s)", (via, webCrypto) => {
  const keysOf = async (publicKey: string, kid: string) => {
    const verify: Verifier = await verifier(publicKey, webCrypto);
    expect(verify.via).toBe(via);
    return (asked: string) => (asked === kid ? verify : undefined);
  };

  it("reads a token the server signed", async () => {
    expect(await verifyToken(SERVER.token, await keysOf(SERVER.publicKey, "k1"))).toEqual({
      tid: SERVER.tid,
      eventId: SERVER.eventId,
      date: SERVER.date,
      n: SERVER.n,
      kid: SERVER.kid,
    });
  });

  it("refuses the server's token with a changed payload, signature, key or key id", async () => {
    const [, payload, signature] = SERVER.token.split(".");
    const keys = await keysOf(SERVER.publicKey, "k1");
    const text = Buffer.from(payload, "base64url").toString();
    for (const forged of [text.replace('"n":3', '"n":9'), text.replace("12-02", "12-03")]) {
      expect(forged).not.toBe(text);
      expect(await verifyToken(`TKT1.${b64url(forged)}.${signature}`, keys)).toBeUndefined();
    }
    const flipped = Buffer.from(signature, "base64url");
    flipped[10] ^= 1;
    expect(await verifyToken(`TKT1.${payload}.${b64url(flipped)}`, keys)).toBeUndefined();
    expect(await verifyToken(SERVER.token, await keysOf(ownPublic, "k1"))).toBeUndefined();
    expect(await verifyToken(SERVER.token, await keysOf(SERVER.publicKey, "k2"))).toBeUndefined();
  });

  it("reads a well-formed token of its own key, and refuses each malformed one", async () => {
    const keys = await keysOf(ownPublic, "k1");
    const good = await signed(json({}));
    expect((await verifyToken(good, keys))?.n).toBe(2);
    // Each of these is signed with the key: only the check it names refuses it.
    const refused = {
      "a date that is not a day": await signed(json({ date: "2026-02-30" })),
      "a date in another form": await signed(json({ date: "2026-2-3" })),
      "no party": await signed(json({ n: 0 })),
      "a party of 3.7": await signed(json({ n: 3.7 })),
      "a party as text": await signed(json({ n: "2" })),
      "an event id of 15 bytes": await signed(json({ eid: b64url(new Uint8Array(15)) })),
      "a ticket id that is a number": await signed(json({ tid: 7 })),
      "no key id": await signed(json({ kid: undefined })),
      "a byte-order mark": await signed(
        new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(json({}))]),
      ),
      "bytes that are not UTF-8": await signed(new Uint8Array([0x7b, 0xff, 0x7d])),
      "not JSON": await signed("tid=AB12CD34EF56"),
      "spaces in the JSON": await signed(json({}).replace(/,/g, ", ")),
      "the fields in another order": await signed(
        JSON.stringify({ eid: EID, tid: "AB12CD34EF56", date: "2026-12-02", n: 2, kid: "k1" }),
      ),
      "a field more": await signed(json({ x: 1 })),
      "a short signature": await signed(json({}), 63),
      "over 220 characters": await signed(json({ tid: "A".repeat(60) })),
    };
    for (const [what, token] of Object.entries(refused)) {
      expect(await verifyToken(token, keys), what).toBeUndefined();
    }
    const signature = good.split(".")[2];
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The last character of 64 bytes in base64url has 4 unused bits: the same bytes, other text.
    const twin = alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1];
    for (const text of [
      good.slice(0, -1) + twin,
      good + "=",
      good.replace("TKT1.", "TKT2."),
      good + ".x",
      "",
    ]) {
      expect(await verifyToken(text, keys), text).toBeUndefined();
    }
  });
});

describe("keys", () => {
  it("refuses what is not a raw Ed25519 key, and a small-order key", async () => {
    const identity = Buffer.alloc(32);
    identity[0] = 1; // the neutral point: WebCrypto would take any signature of it
    for (const key of [
      "",
      "not a key",
      Buffer.alloc(31).toString("base64"),
      identity.toString("base64"),
    ]) {
      await expect(verifier(key), key).rejects.toThrow();
    }
  });
});
