import { describe, expect, it } from "vitest";
import type { Registration } from "./api";
import { loadTickets, mergeTickets, saveTicket, storeTickets } from "./tickets";

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

const now = new Date("2026-12-01T10:00:00Z");

describe("tickets kept on the device", () => {
  it("keeps a made ticket with its picture and reads it back", () => {
    const storage = memory();
    saveTicket(
      storage,
      "p1",
      registration("r1", "TICKETED"),
      "data:image/png;base64,AA",
      "Fair",
      now,
    );
    expect(loadTickets(storage, "2026-12-01")[0]).toMatchObject({
      registrationId: "r1",
      owner: "p1",
      code: "7K3M-Q9XD",
      image: "data:image/png;base64,AA",
      eventName: "Fair",
      partySize: 2,
      date: "2026-12-02",
    });
  });

  it("replaces only the signed-in person's tickets: cancelled go, new come, pictures kept", () => {
    const images = new Map([
      ["r1", "img1"],
      ["r2", "img2"],
      ["x1", "imgX"],
    ]);
    let kept = mergeTickets(
      [],
      "p1",
      [registration("r1", "TICKETED", "2026-12-03"), registration("r2", "TICKETED")],
      images,
      new Map(),
      now,
    );
    kept = mergeTickets(
      kept,
      "p2",
      [registration("x1", "TICKETED", "2026-12-04")],
      images,
      new Map(),
      now,
    );
    const merged = mergeTickets(
      kept,
      "p1",
      [
        registration("r1", "TICKETED", "2026-12-03"),
        registration("r2", "CANCELLED"),
        registration("r3", "TICKETED", "2026-12-01"),
        registration("r4", "PENDING"),
      ],
      new Map([["r3", "img3"]]),
      new Map(),
      now,
    );
    expect(merged.map((t) => [t.registrationId, t.owner, t.image])).toEqual([
      ["r3", "p1", "img3"],
      ["r1", "p1", "img1"],
      ["x1", "p2", "imgX"], // someone else's ticket on the same phone stays
    ]);
  });

  it("lets a ticket go two days after its date", () => {
    const storage = memory();
    saveTicket(storage, "p1", registration("r1", "TICKETED", "2026-12-02"), "img", "Fair", now);
    expect(loadTickets(storage, "2026-12-04")).toHaveLength(1);
    expect(loadTickets(storage, "2026-12-05")).toHaveLength(0);
  });

  it("survives a damaged store", () => {
    const storage = memory();
    storage.setItem("pravesh.tickets", "{not json");
    expect(loadTickets(storage)).toEqual([]);
    storeTickets(storage, []);
    expect(loadTickets(storage)).toEqual([]);
  });
});
