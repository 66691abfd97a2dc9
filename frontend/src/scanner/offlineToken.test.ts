import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifier, verifyToken, type Verifier } from "./offlineToken";

// A token made and signed by the server's own code (TicketToken.sign, Bouncy Castle's Ed25519).
const SERVER = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "server-token.json"), "utf8"),
);

const payloadOf = (token: string) => token.split(".")[1];
const signatureOf = (token: string) => token.split(".")[2];

/** The server's token with its payload or signature replaced. */
const withParts = (payload: string, signature: string) => `TKT1.${payload}.${signature}`;
const b64url = (text: string) =>
  Buffer.from(text).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

describe.each([
  ["WebCrypto", true],
  ["@noble/ed25519", false],
])("a ticket verified offline with %s", (_, webCrypto) => {
  const keys = async (): Promise<(kid: string) => Verifier | undefined> => {
    const verify = await verifier(SERVER.publicKey, webCrypto);
    return (kid) => (kid === SERVER.kid ? verify : undefined);
  };

  it("reads a token the server signed", async () => {
    expect(await verifyToken(SERVER.token, await keys())).toEqual({
      tid: SERVER.tid,
      eventId: SERVER.eventId,
      date: SERVER.date,
      n: SERVER.n,
      kid: SERVER.kid,
    });
  });

  it("refuses a token whose payload was changed (a bigger party, another day)", async () => {
    const json = Buffer.from(payloadOf(SERVER.token), "base64url").toString();
    for (const forged of [
      json.replace('"n":3', '"n":9'),
      json.replace("2026-12-02", "2026-12-03"),
    ]) {
      expect(forged).not.toBe(json);
      const token = withParts(b64url(forged), signatureOf(SERVER.token));
      expect(await verifyToken(token, await keys())).toBeUndefined();
    }
  });

  it("refuses a changed signature, another key, and an unknown key id", async () => {
    const signature = Buffer.from(signatureOf(SERVER.token), "base64url");
    signature[10] ^= 1;
    const flipped = withParts(payloadOf(SERVER.token), signature.toString("base64url"));
    expect(await verifyToken(flipped, await keys())).toBeUndefined();
    const other = await verifier(Buffer.alloc(32, 7).toString("base64"), webCrypto);
    expect(await verifyToken(SERVER.token, () => other)).toBeUndefined();
    expect(await verifyToken(SERVER.token, () => undefined)).toBeUndefined();
  });

  it("refuses what is not a token's canonical text", async () => {
    const signature = signatureOf(SERVER.token);
    // The last character of 64 bytes in base64url carries 4 unused bits: same bytes, other text.
    const last = signature.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(last) ^ 1];
    const texts = [
      withParts(payloadOf(SERVER.token), signature.slice(0, -1) + twin),
      SERVER.token + "=",
      SERVER.token.replace("TKT1.", "TKT2."),
      SERVER.token + ".x",
      SERVER.token.toLowerCase(),
      withParts(payloadOf(SERVER.token), signature.slice(0, 40)),
      withParts(b64url("not json"), signature),
      withParts(b64url('{"tid":"A","eid":"x","date":"2026-12-02","n":1,"kid":"k1"}'), signature),
      "TKT1." + "A".repeat(220),
      "",
    ];
    for (const text of texts) expect(await verifyToken(text, await keys()), text).toBeUndefined();
  });
});
