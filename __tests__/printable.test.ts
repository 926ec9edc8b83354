import { preview, printable } from "../src/config/printable";

describe("printable: user text safe for a terminal", () => {
  it.each([
    ["an ANSI escape", "\u001b[31mred", "\\u001B[31mred"],
    ["a bidi override", "abc\u202Edef", "abc\\u202Edef"],
    ["bidi isolates", "\u2066x\u2069", "\\u2066x\\u2069"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    ["a newline, tab and DEL", "a\nb\tc\u007f", "a\\u000Ab\\u0009c\\u007F"],
    ["a C1 control", "a\u009bb", "a\\u009Bb"],
    ["zero-width and BOM", "a\u200bb\ufeff", "a\\u200Bb\\uFEFF"],
    ["a lone surrogate", "a\ud800b", "a\\uD800b"],
  ])("GIVEN %s WHEN printed THEN it is shown escaped", (_what, text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it("GIVEN ordinary Unicode WHEN printed THEN it stays as it is", () => {
    expect(printable("Zürich 東京 🚀")).toBe("Zürich 東京 🚀");
  });

  it("GIVEN a long text WHEN printed THEN it is cut with ...", () => {
    expect(printable("x".repeat(500), 20)).toBe(`${"x".repeat(20)}...`);
  });
});

describe("preview: a value for a message", () => {
  it.each([
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [NaN, "NaN"],
    [-0, "-0"],
    [undefined, "(missing)"],
    [{ a: [1, Infinity] }, '{"a":[1,Infinity]}'],
  ])("GIVEN %p WHEN previewed THEN it reads %s", (value, shown) => {
    expect(preview(value)).toBe(shown);
  });

  it("GIVEN a megabyte string inside an object WHEN previewed THEN the text is cut to the budget", () => {
    const shown = preview({ tags: { big: "y".repeat(1024 * 1024) } });
    expect(shown.length).toBeLessThanOrEqual(123);
    expect(shown.endsWith("...")).toBe(true);
  });

  it("GIVEN a string with control characters WHEN previewed THEN they are escaped", () => {
    expect(preview("a\u001bb\u202e")).toBe('"a\\u001Bb\\u202E"');
  });
});
