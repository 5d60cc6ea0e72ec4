// lib/values.ts: the checks on JSON-like values the engine shares.
import * as assert from "node:assert/strict";
import { deepEqual, isRecord, isStringArray } from "../../lib/values";

describe("offline/values", () => {
    it("tells plain objects and string lists apart", () => {
        assert.deepEqual([{}, [], null, "x", 1].map(isRecord), [true, false, false, false, false]);
        assert.deepEqual([["a"], [], ["a", 1], "a"].map(isStringArray), [true, true, false, false]);
    });

    it("compares structurally, an undefined member counting as absent", () => {
        assert.equal(deepEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] }), true);
        assert.equal(deepEqual([1, 2], [2, 1]), false);
        assert.equal(deepEqual({ a: 1 }, [1]), false);
        assert.equal(deepEqual(null, {}), false);
    });
});
