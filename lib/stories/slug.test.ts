import { describe, expect, it } from "vitest";
import { SLUG_MAX_LENGTH, isValidSlug, suggestSlug } from "./slug";

describe("suggestSlug", () => {
  it("turns an English headline into a hyphenated lower-case slug", () => {
    expect(suggestSlug("Head of Aleppo Provincial Council & French FM Calling to Save Aleppo")).toBe(
      "head-of-aleppo-provincial-council-french-fm-calling-to-save-aleppo",
    );
  });

  it("collapses punctuation and whitespace runs and trims hyphens at both ends", () => {
    expect(suggestSlug("  -- Breaking:   Floods   hit   Homs!! --  ")).toBe("breaking-floods-hit-homs");
    expect(suggestSlug("Q&A / 2016: what's next?")).toBe("q-a-2016-whats-next");
  });

  it("keeps words joined across apostrophes", () => {
    expect(suggestSlug("Don't panic — it’s fine")).toBe("dont-panic-its-fine");
  });

  it.each([
    ["Café naïve résumé", "cafe-naive-resume"],
    ["Straße", "strasse"],
    ["Ærø Æsir", "aero-aesir"],
    ["Øresund", "oresund"],
    ["Łódź", "lodz"],
    ["Œuvre", "oeuvre"],
    ["Þórshöfn", "thorshofn"],
    ["Đakovo", "dakovo"],
    ["İstanbul Ağrı", "istanbul-agri"],
    ["São Paulo, Zürich, Kraków", "sao-paulo-zurich-krakow"],
  ])("transliterates Latin letters: %s", (headline, slug) => {
    expect(suggestSlug(headline)).toBe(slug);
  });

  describe("Arabic", () => {
    it("romanizes a headline into a readable latin slug", () => {
      const slug = suggestSlug("رئيس مجلس محافظة حلب");
      expect(slug).toBe("riys-mjls-mhafza-hlb");
      expect(isValidSlug(slug)).toBe(true);
    });

    it("maps each of the 28 letters", () => {
      const letters = "ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي";
      expect(suggestSlug(letters)).toBe(
        "a-b-t-th-j-h-kh-d-dh-r-z-s-sh-s-d-t-z-a-gh-f-q-k-l-m-n-h-w-y",
      );
    });

    it("maps hamza forms, ta marbuta and alef maqsura", () => {
      expect(suggestSlug("أ إ آ ؤ ئ")).toBe("a-i-aa-u-i");
      expect(suggestSlug("سماء")).toBe("sma"); // bare hamza has no letter
      expect(suggestSlug("مدرسة")).toBe("mdrsa");
      expect(suggestSlug("مستشفى")).toBe("mstshfa");
    });

    it("drops harakat and tatweel", () => {
      expect(suggestSlug("مُحَمَّدٌ")).toBe(suggestSlug("محمد"));
      expect(suggestSlug("مُحَمَّدٌ")).toBe("mhmd");
      expect(suggestSlug("عـــربي")).toBe("arby");
    });

    it("converts Arabic-Indic and Persian digits", () => {
      expect(suggestSlug("دمشق ٢٠١٦")).toBe("dmshq-2016");
      expect(suggestSlug("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
      expect(suggestSlug("۱۳۹۵")).toBe("1395");
    });

    it("folds presentation forms (as pasted from PDFs) to ordinary letters", () => {
      // U+FEFB is the lam-alef ligature.
      expect(suggestSlug("\uFEFB")).toBe("la");
    });

    it("handles mixed Arabic and English", () => {
      expect(suggestSlug("Aleppo حلب 2016")).toBe("aleppo-hlb-2016");
    });
  });

  it.each([
    ["Привет, мир!", "privet-mir"],
    ["Ёлка и йогурт", "yolka-i-yogurt"],
    ["Щука съела щенка", "shchuka-sela-shchenka"],
    ["Їжак і ґанок", "yizhak-i-ganok"],
  ])("transliterates Cyrillic: %s", (headline, slug) => {
    expect(suggestSlug(headline)).toBe(slug);
  });

  it.each([
    ["Αθήνα", "athina"],
    ["Ελληνική Δημοκρατία", "elliniki-dimokratia"],
    ["ΨΥΧΗ Θεσσαλονίκης", "psychi-thessalonikis"],
  ])("transliterates Greek: %s", (headline, slug) => {
    expect(suggestSlug(headline)).toBe(slug);
  });

  it.each(["", "   ", "!!! ??? ...", "— – -", "中文标题", "🔥🔥", "\u064E\u0640"])(
    "falls back to 'story' when nothing is left of %j",
    (headline) => {
      expect(suggestSlug(headline)).toBe("story");
    },
  );

  describe("length", () => {
    it("cuts at a word boundary, never mid-word", () => {
      const headline = "Syrian government forces and allied militias press their offensive on the eastern districts of Aleppo";
      const slug = suggestSlug(headline);
      expect(slug).toBe("syrian-government-forces-and-allied-militias-press-their-offensive-on-the");
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      expect(isValidSlug(slug)).toBe(true);
    });

    it("keeps a slug that is exactly 80 characters", () => {
      // 7 words of 9 letters, 7 hyphens and a last word of 10 letters: exactly 80.
      const words = ["aaaaaaaaa", "bbbbbbbbb", "ccccccccc", "ddddddddd", "eeeeeeeee", "fffffffff", "ggggggggg"];
      const exact = [...words, "hhhhhhhhhh"].join("-");
      expect(exact).toHaveLength(80);
      expect(suggestSlug(exact.replace(/-/g, " "))).toBe(exact);
      expect(suggestSlug(`${exact.replace(/-/g, " ")} more words`)).toBe(exact);
    });

    it("drops the partial word when the limit falls inside it", () => {
      const prefix = "a".repeat(75);
      expect(suggestSlug(`${prefix} abcdefghij`)).toBe(prefix);
    });

    it("hard-cuts a single word longer than the limit", () => {
      expect(suggestSlug("x".repeat(200))).toBe("x".repeat(80));
    });

    it("counts length after transliteration", () => {
      // 27 characters of input, 99 of slug: the fourth word does not fit.
      const word = "щ".repeat(6);
      const slug = suggestSlug(`${word} ${word} ${word} ${word}`);
      expect(slug).toBe(`${"shch".repeat(6)}-${"shch".repeat(6)}-${"shch".repeat(6)}`);
    });
  });

  it("always produces a valid slug", () => {
    const samples = [
      "Head of Aleppo Provincial Council & French FM Calling to Save Aleppo",
      "رئيس مجلس محافظة حلب",
      "---",
      "a-b",
      "Ünïcödé ¡¿ 'quotes' \"double\" (brackets) [x] {y} <z>",
      "ＦＵＬＬ ｗｉｄｔｈ",
      "x".repeat(500),
      "a ".repeat(100),
    ];
    for (const sample of samples) expect(isValidSlug(suggestSlug(sample))).toBe(true);
  });
});

describe("isValidSlug", () => {
  it.each(["a", "story", "head-of-aleppo", "2016", "a1-b2-c3", "x".repeat(80)])("accepts %s", (s) => {
    expect(isValidSlug(s)).toBe(true);
  });

  it.each([
    "",
    "-a",
    "a-",
    "a--b",
    "A",
    "a b",
    "a_b",
    "café",
    "a/b",
    "../etc",
    "x".repeat(81),
    "story\n",
  ])("rejects %j", (s) => {
    expect(isValidSlug(s)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(isValidSlug(undefined)).toBe(false);
    expect(isValidSlug(42)).toBe(false);
    expect(isValidSlug(null)).toBe(false);
  });
});
