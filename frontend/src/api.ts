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

/** A failed call: the problem's name (after urn:pravesh:problem:), its text, and for 429 when. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
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
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json, application/problem+json");
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
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

async function problem(response: Response): Promise<ApiError> {
  let type = "internal";
  let detail = response.statusText || "Request failed";
  try {
    const body = await response.json();
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
  const retry = Number(response.headers.get("Retry-After"));
  return new ApiError(
    response.status,
    type,
    detail,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

export const events = (fetcher?: typeof fetch) => call<PublicEvent[]>("/api/events", {}, fetcher);
