/** The package's one test for a JSON object, and the record view of an untrusted value. */
import * as vm from "vm";
import { asRecord, isPlainObject } from "../../provider/api/json";

class Box {
  constructor(readonly value = 1) {}
}

describe("isPlainObject", () => {
  it.each<[string, unknown]>([
    ["an object literal", { a: 1 }],
    ["an empty object", {}],
    ["an object without a prototype", Object.create(null) as unknown],
    ["an object parsed from JSON", JSON.parse('{"a":[1]}') as unknown],
    ["an object from another realm", vm.runInNewContext("({ a: 1 })") as unknown],
  ])("accepts %s", (_, value) => {
    expect(isPlainObject(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["an array", [1]],
    ["a string", "{}"],
    ["a number", 1],
    ["a Date", new Date(0)],
    ["a Map", new Map()],
    ["a class instance", new Box()],
    ["an object inheriting from an object", Object.create({ inherited: true }) as unknown],
    ["a function", () => ({})],
  ])("refuses %s", (_, value) => {
    expect(isPlainObject(value)).toBe(false);
  });
});

describe("asRecord", () => {
  it("returns a plain object itself and anything else as a new empty object", () => {
    const object = { a: 1 };
    expect(asRecord(object)).toBe(object);
    for (const other of [null, undefined, [1], "x", new Date(0)]) {
      expect(asRecord(other)).toEqual({});
    }
    expect(asRecord(null)).not.toBe(asRecord(null));
  });
});
