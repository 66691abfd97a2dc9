import { describe, expect, it } from "vitest";
import { LANGUAGES, MESSAGES, initialLanguage, translate } from "./i18n";

describe("i18n", () => {
  it("has every key in every language, none empty", () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const language of LANGUAGES) {
      expect(Object.keys(MESSAGES[language]).sort()).toEqual(keys);
      for (const text of Object.values(MESSAGES[language])) {
        expect(text.trim()).not.toBe("");
      }
    }
  });

  it("keeps the same placeholders in both languages", () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(MESSAGES.hi[key])).toEqual(names(MESSAGES.en[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translate("hi", "slot.seatsLeft", { n: 12 })).toBe("12 सीटें बाकी");
  });

  it("prefers the remembered choice, then the browser's language", () => {
    expect(initialLanguage({ getItem: () => "hi" }, "en-IN")).toBe("hi");
    expect(initialLanguage({ getItem: () => null }, "hi-IN")).toBe("hi");
    expect(initialLanguage({ getItem: () => null }, "en-GB")).toBe("en");
  });
});
