import { describe, expect, it } from "vitest";
import { formatDatelineSafely } from "@/components/site/dateline";
import { messagesFor, SITE_LANGUAGES } from "./messages";

describe("the site's message catalogue", () => {
  it("has every message in every language", () => {
    const english = Object.keys(messagesFor("en").messages).sort();
    for (const language of SITE_LANGUAGES) expect(Object.keys(messagesFor(language).messages).sort(), language).toEqual(english);
  });

  it("leaves no Arabic message in English", () => {
    const { messages } = messagesFor("ar");
    for (const [key, value] of Object.entries(messages)) {
      const text = typeof value === "function" ? (value as (a: string, b: number) => string)("X", 2) : value;
      expect(text, `ar.${key}`).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it("Arabic chrome is Arabic, with Arabic-Indic digits", () => {
    const { messages, lang } = messagesFor("ar");
    expect(lang).toBe("ar");
    expect(messages.pageNumber(12)).toBe("صفحة ١٢");
    expect(messages.search).toBe("بحث");
  });

  it("a language without a catalogue gets English and says so", () => {
    expect(messagesFor("tr")).toMatchObject({ lang: "en", messages: { home: "Home" } });
  });

  it("Arabic datelines are in Arabic, in the newsroom's time zone", () => {
    expect(formatDatelineSafely("2016-12-01T16:10:00.000Z", "Asia/Damascus", "ar")).toBe("الخميس، ٠١ ديسمبر ٢٠١٦ ١٨:١٠");
    expect(formatDatelineSafely("2016-12-01T16:10:00.000Z", "Asia/Damascus", "en")).toBe("Thursday, 01 December 2016 18:10");
  });
});
