import { ownMap, tagsArgument } from "../src/constructs/tags";

describe("tagsArgument", () => {
  it("GIVEN tag maps THEN they merge left to right, and nothing is given for no tags", () => {
    expect(tagsArgument({ a: "1", b: "1" }, undefined, { b: "2" })).toEqual({ a: "1", b: "2" });
    expect(tagsArgument({}, undefined)).toBeUndefined();
    expect(tagsArgument()).toBeUndefined();
  });

  it("GIVEN prototype-named keys THEN each is an own key of a null-prototype map, __proto__ included", () => {
    // GIVEN: computed keys are own keys (`__proto__: "z"` in a literal would set the prototype instead)
    const cluster = { constructor: "x", ["__proto__"]: "z" };
    const group = { toString: "y", hasOwnProperty: "h" };
    // WHEN
    const tags = tagsArgument(cluster, group)!;
    // THEN
    expect(Object.getPrototypeOf(tags)).toBeNull();
    expect(Object.keys(tags)).toEqual(["constructor", "__proto__", "toString", "hasOwnProperty"]);
    expect(tags.__proto__).toBe("z");
  });

  it("GIVEN no maps THEN ownMap gives nothing", () => {
    expect(ownMap()).toBeUndefined();
    expect(ownMap<string>(undefined)).toBeUndefined();
  });
});
