// English and Hindi, every key in both (a test checks); the choice is remembered on the device.

export const LANGUAGES = ["en", "hi"] as const;
export type Language = (typeof LANGUAGES)[number];

const en = {
  "app.title": "Pravesh",
  "events.title": "Choose your visit",
  "events.loading": "Loading events…",
  "events.none": "No events are open for registration.",
  "events.closed": "Registration closed",
  "slot.seatsLeft": "{n} seats left",
  "slot.full": "Full",
  "error.retryIn": "Too many requests: try again in {n} s.",
  "error.generic": "Something went wrong: {detail}",
  "language.switch": "हिन्दी",
};

export type MessageKey = keyof typeof en;

export const MESSAGES: Record<Language, Record<MessageKey, string>> = {
  en,
  hi: {
    "app.title": "प्रवेश",
    "events.title": "अपनी यात्रा चुनें",
    "events.loading": "आयोजन लोड हो रहे हैं…",
    "events.none": "अभी किसी आयोजन का पंजीकरण खुला नहीं है।",
    "events.closed": "पंजीकरण बंद",
    "slot.seatsLeft": "{n} सीटें बाकी",
    "slot.full": "भरा हुआ",
    "error.retryIn": "बहुत अधिक अनुरोध: {n} सेकंड बाद फिर कोशिश करें।",
    "error.generic": "कुछ गड़बड़ हुई: {detail}",
    "language.switch": "English",
  },
};

export function translate(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  let text = MESSAGES[language][key];
  for (const [name, value] of Object.entries(values)) {
    text = text.replace(`{${name}}`, String(value));
  }
  return text;
}

const STORED = "pravesh.language";

export function initialLanguage(
  storage?: Pick<Storage, "getItem">,
  navigatorLanguage?: string,
): Language {
  const stored = storage?.getItem(STORED);
  if (stored === "en" || stored === "hi") {
    return stored;
  }
  return navigatorLanguage?.toLowerCase().startsWith("hi") ? "hi" : "en";
}

export function rememberLanguage(language: Language, storage?: Pick<Storage, "setItem">) {
  storage?.setItem(STORED, language);
}
