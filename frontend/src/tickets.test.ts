import { describe, expect, it } from "vitest";
import type { Registration } from "./api";
import { loadTickets, mergeTickets, saveTicket, storeTickets, type SavedTicket } from "./tickets";

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  } as Storage;
}

const registration = (
  id: string,
  status: Registration["status"],
  date = "2026-12-02",
): Registration => ({
  id,
  status,
  channel: "WEB",
  name: "Asha",
  phone: "+919812345678",
  partySize: 2,
  slot: { id: "s-" + date, date, startsAt: "10:00", endsAt: "18:00", capacity: 10, remaining: 5 },
  createdAt: "2026-12-01T10:00:00+05:30",
  ticket:
    status === "TICKETED"
      ? { id: "t" + id, code: "7K3M-Q9XD", token: "TKT1.a.b", qrUrl: "", issuedAt: "" }
      : null,
});

describe("tickets kept on the device", () => {
  it("keeps a made ticket with its picture and reads it back", () => {
    const storage = memory();
    saveTicket(
      storage,
      registration("r1", "TICKETED"),
      "data:image/png;base64,AA",
      "Book Fair",
      new Date(),
    );
    const [saved] = loadTickets(storage);
    expect(saved).toMatchObject({
      registrationId: "r1",
      code: "7K3M-Q9XD",
      image: "data:image/png;base64,AA",
      eventName: "Book Fair",
      partySize: 2,
      date: "2026-12-02",
    });
  });

  it("drops cancelled tickets, adds new ones, keeps pictures it has, and sorts by date", () => {
    const old: SavedTicket[] = mergeTickets(
      [],
      [registration("r1", "TICKETED", "2026-12-03"), registration("r2", "TICKETED")],
      new Map([
        ["r1", "img1"],
        ["r2", "img2"],
      ]),
      new Map(),
      new Date(),
    );
    const merged = mergeTickets(
      old,
      [
        registration("r1", "TICKETED", "2026-12-03"),
        registration("r2", "CANCELLED"),
        registration("r3", "TICKETED", "2026-12-01"),
        registration("r4", "PENDING"),
      ],
      new Map([["r3", "img3"]]),
      new Map(),
      new Date(),
    );
    expect(merged.map((t) => [t.registrationId, t.image])).toEqual([
      ["r3", "img3"],
      ["r1", "img1"],
    ]);
  });

  it("survives a damaged store", () => {
    const storage = memory();
    storage.setItem("pravesh.tickets", "{not json");
    expect(loadTickets(storage)).toEqual([]);
    storeTickets(storage, []);
    expect(loadTickets(storage)).toEqual([]);
  });
});
