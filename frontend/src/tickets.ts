import type { Registration } from "./api";

// Tickets kept on the device, so that "My tickets" shows them at the gate without a network: the
// QR picture as a data: URL and what the volunteer checks (name, party, date, code). Each belongs
// to the person who signed in when it was kept: on a family phone, one person's list from the
// server replaces only their own tickets. A ticket goes two days after its date, or when removed.

export type SavedTicket = {
  registrationId: string;
  owner: string;
  eventName: string;
  name: string;
  partySize: number;
  date: string;
  startsAt: string;
  endsAt: string;
  code: string;
  image: string;
  savedAt: string;
};

const KEY = "pravesh.tickets";
const KEEP_DAYS_AFTER = 2;

const byTime = (a: SavedTicket, b: SavedTicket) =>
  (a.date + a.startsAt).localeCompare(b.date + b.startsAt);

/** The kept tickets still worth showing on `today` (YYYY-MM-DD). */
export function loadTickets(storage: Pick<Storage, "getItem">, today?: string): SavedTicket[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? "[]");
    const list: SavedTicket[] = Array.isArray(parsed) ? parsed.filter(isSaved) : [];
    return today ? list.filter((t) => addDays(t.date, KEEP_DAYS_AFTER) >= today) : list;
  } catch {
    return [];
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().substring(0, 10);
}

function isSaved(value: unknown): value is SavedTicket {
  const t = value as SavedTicket;
  return (
    !!t &&
    typeof t.registrationId === "string" &&
    typeof t.image === "string" &&
    typeof t.date === "string"
  );
}

export function storeTickets(storage: Pick<Storage, "setItem">, tickets: SavedTicket[]) {
  storage.setItem(KEY, JSON.stringify(tickets));
}

/**
 * The device's copy after `owner`'s list from the server: their tickets the server no longer has
 * as TICKETED (cancelled) go, new ones come (with their picture, loaded by the caller), the rest
 * stay; other people's kept tickets are left alone. Sorted by date and time.
 */
export function mergeTickets(
  saved: SavedTicket[],
  owner: string,
  registrations: Registration[],
  images: Map<string, string>,
  eventNames: Map<string, string>,
  now: Date,
): SavedTicket[] {
  const byId = new Map(saved.map((s) => [s.registrationId, s]));
  const mine = new Set(registrations.map((r) => r.id));
  const merged: SavedTicket[] = saved.filter(
    (s) => s.owner !== owner && !mine.has(s.registrationId),
  );
  for (const r of registrations) {
    if (r.status !== "TICKETED" || !r.ticket) continue;
    const image = images.get(r.id) ?? byId.get(r.id)?.image;
    if (!image) continue;
    merged.push({
      registrationId: r.id,
      owner,
      eventName: eventNames.get(r.slot.id) ?? byId.get(r.id)?.eventName ?? "",
      name: r.name,
      partySize: r.partySize,
      date: r.slot.date,
      startsAt: r.slot.startsAt,
      endsAt: r.slot.endsAt,
      code: r.ticket.code,
      image,
      savedAt: byId.get(r.id)?.savedAt ?? now.toISOString(),
    });
  }
  return merged.sort(byTime);
}

/** Keeps one freshly made ticket of `owner` (the others stay as they are). */
export function saveTicket(
  storage: Pick<Storage, "getItem" | "setItem">,
  owner: string,
  registration: Registration,
  image: string,
  eventName: string,
  now: Date,
) {
  const all = loadTickets(storage);
  const others = all.filter((s) => s.registrationId !== registration.id);
  const [fresh] = mergeTickets(
    [],
    owner,
    [registration],
    new Map([[registration.id, image]]),
    new Map([[registration.slot.id, eventName]]),
    now,
  );
  if (fresh) storeTickets(storage, [...others, fresh].sort(byTime));
}
