import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { ApiError, api, type Me } from "./api";
import {
  initialLanguage,
  rememberLanguage,
  translate,
  type Language,
  type Translate,
} from "./i18n";

// What every page shares: the language (remembered on the device) and who is signed in (asked of
// the server: the session lives in an HttpOnly cookie that scripts cannot read).

type LanguageState = { language: Language; t: Translate; toggle: () => void };

const LanguageContext = createContext<LanguageState | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() =>
    initialLanguage(localStorage, navigator.language),
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const t: Translate = useCallback((key, values) => translate(language, key, values), [language]);
  const toggle = () => {
    const next = language === "en" ? "hi" : "en";
    rememberLanguage(next, localStorage);
    setLanguage(next);
  };
  return (
    <LanguageContext.Provider value={{ language, t, toggle }}>{children}</LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error("LanguageProvider missing");
  return state;
}

const ME = "pravesh.me";

/** Who is signed in, kept on the device for a start without the network (no phone number). */
function rememberMe(me: Me | null) {
  if (me) localStorage.setItem(ME, JSON.stringify({ ...me, phone: "" }));
  else localStorage.removeItem(ME);
}

function recalledMe(): Me | null {
  try {
    const me = JSON.parse(localStorage.getItem(ME) ?? "null");
    // Only while the session would still be valid (a staff session lasts a shift).
    const valid =
      me &&
      typeof me.id === "string" &&
      Array.isArray(me.roles) &&
      typeof me.expiresAt === "number" &&
      me.expiresAt * 1000 > Date.now();
    return valid ? me : null;
  } catch {
    return null;
  }
}

/** undefined while asking, null when nobody is signed in. */
type SessionState = {
  me: Me | null | undefined;
  /** The last check could not reach the server. */
  offline: boolean;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [offline, setOffline] = useState(false);
  const refresh = useCallback(async () => {
    try {
      const who = await api.me();
      setMe(who);
      setOffline(false);
      rememberMe(who);
      return who;
    } catch (e) {
      // Only a 401 means "not signed in"; a network failure or a server error during a deploy
      // keeps whoever was signed in (the next call tells). Offline at the start (a scanner's page
      // reloaded without the network), whoever was last signed in on this device: the pages
      // that work offline work for them, and the server still checks every request.
      const signedOut = e instanceof ApiError && e.status === 401;
      if (signedOut) rememberMe(null);
      const unreachable = !(e instanceof ApiError);
      setMe((current) =>
        signedOut ? null : current === undefined ? (unreachable ? recalledMe() : null) : current,
      );
      setOffline(unreachable);
      return null;
    }
  }, []);
  const signOut = useCallback(async () => {
    // Only the server can end the session (the cookie is HttpOnly): without an answer the person
    // is still signed in, and the caller says so. Kept tickets stay (removed one by one).
    await api.logout();
    rememberMe(null);
    setMe(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <SessionContext.Provider value={{ me, offline, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("SessionProvider missing");
  return state;
}

export const isStaff = (me: Me | null | undefined) =>
  !!me && (me.roles.includes("volunteer") || me.roles.includes("admin"));
export const isAdmin = (me: Me | null | undefined) => !!me && me.roles.includes("admin");

/** The page named by the address's hash: "#/register/demo/123" → ["register", "demo", "123"]. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return parseRoute(hash);
}

export function parseRoute(hash: string): string[] {
  return hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}
