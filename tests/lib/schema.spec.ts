// lib/schema.ts: checking a value against a valibot schema as the engine's file readers report it (every problem, in
// the value's order, at its key path, with the value given). Its users: offline/facts-schema.ts
// (tests/offline/facts.spec.ts), offline/plan/format-schema.ts (tests/offline/plan/format.spec.ts) and
// offline/policy/config.ts (tests/offline/policy/config.spec.ts).
import * as assert from "node:assert/strict";
import * as v from "valibot";
import { fields, gotExpected, mapping, onlyKeys, shape, validate, whole } from "../../lib/schema";

const count = v.pipe(v.number(gotExpected("a number")), v.integer(gotExpected("an integer")));

describe("lib/schema", () => {
    it("validate gives the output, or every problem at its path under the prefix", () => {
        assert.deepEqual(validate(v.array(count), [1, 2]), { success: true, output: [1, 2] });
        assert.deepEqual(validate(v.array(count), [1, "x", 2.5], "list"), {
            success: false,
            problems: [
                { path: "list[1]", input: "x", message: 'got "x", expected a number' },
                { path: "list[2]", input: 2.5, message: "got 2.5, expected an integer" },
            ],
        });
        assert.deepEqual(validate(v.object({ a: count }), { a: "x" }), { success: false, problems: [{ path: "a", input: "x", message: 'got "x", expected a number' }] });
    });

    it("shape checks a missing field with its own schema and refuses a list", () => {
        const s = shape({ a: count, b: v.optional(count, 7) }, "must be an object");
        assert.deepEqual(validate(s, {}).success ? undefined : validate(s, {}), { success: false, problems: [{ path: "a", input: undefined, message: "got undefined, expected a number" }] });
        assert.deepEqual(validate(s, { a: 1, extra: true }), { success: true, output: { a: 1, b: 7 } });
        assert.deepEqual(validate(s, [1], "x"), { success: false, problems: [{ path: "x", input: [1], message: "must be an object" }] });
    });

    it("mapping and fields check every own key in the object's order, __proto__ and constructor included", () => {
        const m = mapping("expected a mapping", count, v.pipe(v.string(), v.regex(/^[a-z]+$/, "not lower-case")));
        const input = JSON.parse('{"ok": 1, "__proto__": "x", "Bad": 2}');
        assert.deepEqual(validate(m, input), {
            success: false,
            problems: [
                { path: "__proto__", input: "__proto__", message: "not lower-case" },
                { path: "__proto__", input: "x", message: 'got "x", expected a number' },
                { path: "Bad", input: "Bad", message: "not lower-case" },
            ],
        });
        const out = validate(mapping("expected a mapping", count), JSON.parse('{"__proto__": 1}'));
        assert.ok(out.success && Object.hasOwn(out.output, "__proto__") && out.output.__proto__ === 1, "kept as an own key");

        const f = fields({ a: count, b: count }, "expected a mapping of a, b", key => `unknown field ${key}`);
        assert.deepEqual(validate(f, JSON.parse('{"b": "x", "constructor": 1, "a": 1}')), {
            success: false,
            problems: [
                { path: "b", input: "x", message: 'got "x", expected a number' },
                { path: "constructor", input: 1, message: "unknown field constructor" },
            ],
        });
        assert.deepEqual(validate(f, { a: 1 }), { success: true, output: { a: 1 } });
        assert.deepEqual(validate(f, null), { success: false, problems: [{ path: "", input: null, message: "expected a mapping of a, b" }] });
    });

    it("whole reports one problem at the value itself; onlyKeys reports each key not allowed", () => {
        const w = whole(v.object({ name: v.string(), level: v.picklist(["a", "b"]) }), "must be { name, level }");
        assert.deepEqual(validate(v.array(w), [{ name: "n", level: "a" }, { name: 1, level: "c" }], "list"), {
            success: false,
            problems: [{ path: "list[1]", input: { name: 1, level: "c" }, message: "must be { name, level }" }],
        });
        assert.deepEqual(validate(onlyKeys(["a"], k => `no ${k}`), { a: 1, b: 2, c: 3 }), {
            success: false,
            problems: [{ path: "b", input: 2, message: "no b" }, { path: "c", input: 3, message: "no c" }],
        });
    });
});
