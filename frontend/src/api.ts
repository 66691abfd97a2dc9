// The one client every page uses (api.md): JSON in and out, the session cookie (no token in
// storage), the CSRF header on state-changing calls, problem+json errors as ApiError.

export type Slot = {
  id: string;
  date: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  remaining: number;
};

export type PublicEvent = {
  id: string;
  slug: string;
  name: string;
  venue: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  registrationOpen: boolean;
  slots: Slot[];
};

export type Me = { id: string; phone: string; roles: string[]; expiresAt: number };

export type Ticket = { id: string; code: string; token: string; qrUrl: string; issuedAt: string };

export type Registration = {
  id: string;
  status: "PENDING" | "TICKETED" | "CANCELLED";
  channel: "WEB" | "WHATSAPP" | "VOLUNTEER";
  name: string;
  phone: string;
  partySize: number;
  slot: Slot;
  createdAt: string;
  createdBy?: string | null;
  ticket: Ticket | null;
};

export type Accepted = { registrationId: string; status: string };

export type Gate = { id: string; name: string };

export type ScanOutcome =
  | "ADMITTED"
  | "ALREADY_ADMITTED"
  | "INVALID"
  | "REVOKED"
  | "WRONG_DATE"
  | "WRONG_EVENT"
  | "EXITED"
  | "NOT_INSIDE"
  | "READMITTED"
  | "VENUE_FULL";

export type ScanAnswer = {
  outcome: ScanOutcome;
  ticket: { id: string; code: string; name: string; partySize: number; date: string } | null;
  firstAdmittedAt?: string;
  firstGate?: string;
  /** At 90 % of the event's maxInside. */
  crowded?: boolean;
  /** Decided on this device without the network (not a server field). */
  offline?: boolean;
};

export type Occupancy = {
  inside: number;
  maxInside: number | null;
  byGate: { gateId: string; name: string; in: number; out: number }[];
  updatedAt: string;
};

export type ConflictSide = { gate: string; device: string | null; volunteer: string; at: string };

export type EntryConflict = {
  /** TWICE: got in twice; REVOKED: let in offline after it was revoked (first: the revocation). */
  kind: "TWICE" | "REVOKED";
  ticket: { id: string; code: string; name: string; partySize: number; date: string };
  first: ConflictSide;
  second: ConflictSide;
};

export type AdminEvent = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
};

export type Stats = {
  registrations: {
    total: number;
    people: number;
    byChannel: { WEB: number; WHATSAPP: number; VOLUNTEER: number };
    byDate: { date: string; count: number }[];
  };
  tickets: { pending: number; issued: number };
  entries: {
    total: number;
    people: number;
    byGate: { gateId: string; name: string; count: number; people: number }[];
    byHour: { hour: string; count: number }[];
  };
  generatedAt: string;
};

/** A failed call: the problem's name (after urn:pravesh:problem:), its text, and for 429 when. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function csrfToken(cookies: string): string | undefined {
  const match = cookies.split(/;\s*/).find((c) => c.startsWith("pravesh_csrf="));
  return match ? decodeURIComponent(match.substring("pravesh_csrf=".length)) : undefined;
}

export async function call<T>(
  path: string,
  init: RequestInit = {},
  fetcher: typeof fetch = fetch,
  cookies: string = typeof document === "undefined" ? "" : document.cookie,
): Promise<T> {
  const response = await send(path, init, fetcher, cookies);
  const text = response.status === 204 ? "" : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The request itself; a non-2xx answer becomes an ApiError. */
export async function send(
  path: string,
  init: RequestInit = {},
  fetcher: typeof fetch = fetch,
  cookies: string = typeof document === "undefined" ? "" : document.cookie,
): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  if (!headers.has("Accept")) {
    headers.set("Accept", "application/json, application/problem+json");
  }
  if (init.body !== undefined && !headers.has("Content-Type")) {
    headers.set("Content-Type", "application/json");
  }
  const csrf = csrfToken(cookies);
  if (!SAFE.has(method) && csrf) {
    headers.set("X-CSRF-Token", csrf);
  }
  const response = await fetcher(path, { ...init, method, headers, credentials: "same-origin" });
  if (!response.ok) {
    throw await problem(response);
  }
  return response;
}

async function problem(response: Response): Promise<ApiError> {
  let type = "internal";
  let detail = response.statusText || "Request failed";
  let body: Record<string, unknown> = {};
  try {
    body = await response.json();
    if (typeof body.type === "string") {
      type = body.type.replace("urn:pravesh:problem:", "");
    }
    if (typeof body.detail === "string") {
      detail = body.detail;
    } else if (typeof body.title === "string") {
      detail = body.title;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(response.status, type, detail, retryAfter(response.headers), body);
}

/** Retry-After in seconds: the header holds seconds or an HTTP date. */
export function retryAfter(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("Retry-After");
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim())
    ? Number(value)
    : Math.ceil((Date.parse(value) - now) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** A fresh key for one action (one submitted form, one physical scan). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  body: JSON.stringify(body),
  headers,
});

export const api = {
  events: (fetcher?: typeof fetch) => call<PublicEvent[]>("/api/events", {}, fetcher),
  event: (slug: string) => call<PublicEvent>(`/api/events/${encodeURIComponent(slug)}`),
  me: () => call<Me>("/api/me"),
  requestOtp: (phone: string, channel: "sms" | "whatsapp") =>
    call<{ expiresInSeconds: number; resendAfterSeconds: number }>(
      "/api/auth/otp",
      json("POST", { phone, channel }),
    ),
  verifyOtp: (phone: string, code: string) =>
    call<{ roles: string[] }>("/api/auth/otp/verify", json("POST", { phone, code })),
  logout: () => call<void>("/api/auth/logout", { method: "POST" }),
  register: (
    body: { slotId: string; name: string; partySize: number; email?: string; consent: boolean },
    key: string,
  ) => call<Accepted>("/api/registrations", json("POST", body, { "Idempotency-Key": key })),
  myRegistrations: () => call<Registration[]>("/api/me/registrations"),
  registration: (id: string) => call<Registration>(`/api/registrations/${encodeURIComponent(id)}`),
  resend: (id: string, channel: "sms" | "whatsapp") =>
    call<void>(`/api/registrations/${encodeURIComponent(id)}/resend`, json("POST", { channel })),
  walkIn: (
    body: {
      slotId: string;
      name: string;
      phone: string;
      partySize: number;
      deliver: "sms" | "whatsapp" | "none";
      consent: boolean;
    },
    key: string,
  ) =>
    call<Accepted>("/api/volunteer/registrations", json("POST", body, { "Idempotency-Key": key })),
  lookup: (q: string) => call<Registration[]>(`/api/volunteer/lookup?q=${encodeURIComponent(q)}`),
  cancel: (id: string) =>
    call<void>(`/api/registrations/${encodeURIComponent(id)}`, { method: "DELETE" }),
  gates: (slug: string) => call<Gate[]>(`/api/gates?event=${encodeURIComponent(slug)}`),
  conflicts: (slug: string) =>
    call<EntryConflict[]>(`/api/admin/conflicts?event=${encodeURIComponent(slug)}`),
  adminEvents: () => call<AdminEvent[]>("/api/admin/events"),
};

/** The ticket's QR picture as a data: URL, so that it can be kept on the device. */
export async function ticketImage(registrationId: string): Promise<string> {
  const response = await send(
    `/api/registrations/${encodeURIComponent(registrationId)}/ticket.png`,
    {
      headers: { Accept: "image/png" },
    },
  );
  const blob = await response.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Waits until a registration has its ticket (tickets are made by a job within seconds). */
export async function awaitTicket(
  id: string,
  load: (id: string) => Promise<Registration> = api.registration,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  attempts = 60,
): Promise<Registration> {
  for (let i = 0; ; i++) {
    const registration = await load(id);
    if (registration.status !== "PENDING" || i >= attempts) {
      return registration;
    }
    await sleep(Math.min(500 + i * 250, 2000));
  }
}
