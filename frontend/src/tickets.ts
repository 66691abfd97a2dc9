import type { Registration } from "./api";

// Tickets kept on the device, so that "My tickets" shows them at the gate without a network: the
// QR picture as a data: URL and what the volunteer checks (name, party, date, code).

export type SavedTicket = {
  registrationId: string;
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

export function loadTickets(storage: Pick<Storage, "getItem">): SavedTicket[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isSaved) : [];
  } catch {
    return [];
  }
}

function isSaved(value: unknown): value is SavedTicket {
  const t = value as SavedTicket;
  return !!t && typeof t.registrationId === "string" && typeof t.image === "string";
}

export function forgetTickets(storage: Pick<Storage, "removeItem">) {
  storage.removeItem(KEY);
}

export function storeTickets(storage: Pick<Storage, "setItem">, tickets: SavedTicket[]) {
  storage.setItem(KEY, JSON.stringify(tickets));
}

/**
 * The device's copy after the server's answer: tickets the server no longer has as TICKETED
 * (cancelled, or past) go, new ones come (with their picture, loaded by the caller), the rest stay.
 * Sorted by date and time.
 */
export function mergeTickets(
  saved: SavedTicket[],
  registrations: Registration[],
  images: Map<string, string>,
  eventNames: Map<string, string>,
  now: Date,
): SavedTicket[] {
  const byId = new Map(saved.map((s) => [s.registrationId, s]));
  const merged: SavedTicket[] = [];
  for (const r of registrations) {
    if (r.status !== "TICKETED" || !r.ticket) continue;
    const image = images.get(r.id) ?? byId.get(r.id)?.image;
    if (!image) continue;
    merged.push({
      registrationId: r.id,
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

/** Keeps one freshly made ticket (the others stay as they are). */
export function saveTicket(
  storage: Pick<Storage, "getItem" | "setItem">,
  registration: Registration,
  image: string,
  eventName: string,
  now: Date,
) {
  const others = loadTickets(storage).filter((s) => s.registrationId !== registration.id);
  const [fresh] = mergeTickets(
    [],
    [registration],
    new Map([[registration.id, image]]),
    new Map([[registration.slot.id, eventName]]),
    now,
  );
  if (fresh) storeTickets(storage, [...others, fresh].sort(byTime));
}

const byTime = (a: SavedTicket, b: SavedTicket) =>
  (a.date + a.startsAt).localeCompare(b.date + b.startsAt);
