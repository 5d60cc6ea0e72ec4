// policy/lib/unknown.ts: reading resource properties that may be unknown during `pulumi preview` (isUnknown, get,
// path, list, str, bool, show). The SDK's proxy throws UnknownValueError on an unknown; these helpers return UNKNOWN
// instead, so a policy decides its own verdict rather than being skipped.
import * as assert from "node:assert/strict";
import { UnknownValueError } from "@pulumi/policy";
import { bool, get, isUnknown, list, path, show, str, UNKNOWN } from "../../../policy/lib/unknown";
import { asSdkProps, UNKNOWN as ENGINE_UNKNOWN } from "../helpers";

const proxyModule = require("@pulumi/policy/proxy") as Record<string, unknown>;
/** The SDK's seven sentinels, one per type of unknown value. */
const SENTINELS = ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"]
    .map(k => proxyModule[k]);

describe("policy/lib/unknown", () => {
    describe("isUnknown", () => {
        it("UNKNOWN, the engine's sentinel and each of the SDK's sentinels", () => {
            assert.equal(isUnknown(UNKNOWN), true);
            assert.equal(isUnknown(ENGINE_UNKNOWN), true);
            assert.equal(SENTINELS.length, 7);
            for (const sentinel of SENTINELS) {
                assert.equal(typeof sentinel, "string");
                assert.equal(isUnknown(sentinel), true, String(sentinel));
            }
        });
        it("not known values, nor another symbol named unknown", () => {
            for (const value of [undefined, null, "", "unknown", "(unknown)", 0, false, {}, [], Symbol("unknown"), ENGINE_UNKNOWN.toUpperCase()]) {
                assert.equal(isUnknown(value), false, String(value));
            }
        });
    });

    describe("get", () => {
        it("reads a key of a plain object or array; undefined for a missing key", () => {
            assert.equal(get({ a: 1 }, "a"), 1);
            assert.equal(get(["x", "y"], 1), "y");
            assert.equal(get({ a: 1 }, "b"), undefined);
        });
        it("undefined when the object is not one: undefined, null, a string, a number", () => {
            for (const obj of [undefined, null, "abc", 5, true]) {
                assert.equal(get(obj, "length"), undefined, String(obj));
            }
        });
        it("UNKNOWN for a raw sentinel value and when the object itself is UNKNOWN", () => {
            assert.equal(get({ a: ENGINE_UNKNOWN }, "a"), UNKNOWN);
            assert.equal(get({ a: UNKNOWN }, "a"), UNKNOWN);
            assert.equal(get(UNKNOWN, "a"), UNKNOWN);
        });
        it("UNKNOWN where the SDK's proxy throws UnknownValueError, in nested objects and lists too", () => {
            const props = asSdkProps({ a: ENGINE_UNKNOWN, nested: { b: ENGINE_UNKNOWN, c: "known" }, items: ["x", ENGINE_UNKNOWN] });
            assert.throws(() => props.a, UnknownValueError);
            assert.equal(get(props, "a"), UNKNOWN);
            const nested = get(props, "nested");
            assert.equal(get(nested, "b"), UNKNOWN);
            assert.equal(get(nested, "c"), "known");
            assert.equal(get(get(props, "items"), 0), "x");
            assert.equal(get(get(props, "items"), 1), UNKNOWN);
        });
        it("lets any other error of a getter through", () => {
            const obj = {
                get a(): never {
                    throw new TypeError("boom");
                },
            };
            assert.throws(() => get(obj, "a"), { name: "TypeError", message: "boom" });
        });
    });

    describe("path", () => {
        it("reads nested keys, and returns the object itself for no keys", () => {
            const props = { metadataOptions: { httpTokens: "required" }, list: [{ id: "a" }] };
            assert.equal(path(props, "metadataOptions", "httpTokens"), "required");
            assert.equal(path(props, "list", 0, "id"), "a");
            assert.equal(path(props), props);
        });
        it("undefined below a missing key, UNKNOWN below an unknown one", () => {
            assert.equal(path({}, "metadataOptions", "httpTokens"), undefined);
            assert.equal(path({ metadataOptions: null }, "metadataOptions", "httpTokens"), undefined);
            const props = asSdkProps({ metadataOptions: ENGINE_UNKNOWN, ebs: { encrypted: ENGINE_UNKNOWN } });
            assert.equal(path(props, "metadataOptions", "httpTokens"), UNKNOWN);
            assert.equal(path(props, "metadataOptions", "httpTokens", "deeper"), UNKNOWN);
            assert.equal(path(props, "ebs", "encrypted"), UNKNOWN);
        });
    });

    describe("list", () => {
        it("the elements of a list, unknown elements as UNKNOWN", () => {
            assert.deepEqual(list(["a", "b"]), ["a", "b"]);
            assert.deepEqual(list(["a", ENGINE_UNKNOWN, UNKNOWN]), ["a", UNKNOWN, UNKNOWN]);
            const props = asSdkProps({ cidrBlocks: ["10.0.0.0/8", ENGINE_UNKNOWN, "0.0.0.0/0"] });
            assert.deepEqual(list(get(props, "cidrBlocks")), ["10.0.0.0/8", UNKNOWN, "0.0.0.0/0"]);
        });
        it("UNKNOWN when the whole list is unknown", () => {
            assert.equal(list(ENGINE_UNKNOWN), UNKNOWN);
            assert.equal(list(UNKNOWN), UNKNOWN);
            assert.equal(list(get(asSdkProps({ cidrBlocks: ENGINE_UNKNOWN }), "cidrBlocks")), UNKNOWN);
        });
        it("[] when absent or not a list (a lone string is not a list of one)", () => {
            for (const value of [undefined, null, "0.0.0.0/0", 5, { 0: "a", length: 1 }]) {
                assert.deepEqual(list(value), [], String(value));
            }
        });
    });

    describe("str", () => {
        it("strings as they are, UNKNOWN for unknowns, undefined for the rest", () => {
            assert.equal(str("tcp"), "tcp");
            assert.equal(str(" x "), " x ");
            assert.equal(str(""), "");
            assert.equal(str(ENGINE_UNKNOWN), UNKNOWN);
            assert.equal(str(UNKNOWN), UNKNOWN);
            for (const value of [undefined, null, 22, true, ["a"], {}]) {
                assert.equal(str(value), undefined, String(value));
            }
        });
    });

    describe("bool", () => {
        it("booleans, and the strings true/false in any case and with white space", () => {
            assert.equal(bool(true), true);
            assert.equal(bool(false), false);
            assert.equal(bool("true"), true);
            assert.equal(bool(" TRUE "), true);
            assert.equal(bool("False"), false);
        });
        it("UNKNOWN for unknowns; undefined for anything else, including 1, 0, yes and no", () => {
            assert.equal(bool(ENGINE_UNKNOWN), UNKNOWN);
            assert.equal(bool(UNKNOWN), UNKNOWN);
            for (const value of [undefined, null, 1, 0, "1", "0", "yes", "no", "", "truee", {}]) {
                assert.equal(bool(value), undefined, String(value));
            }
        });
    });

    describe("show", () => {
        it("JSON for known values, (unknown) and (not set) for the others", () => {
            assert.equal(show("tcp"), '"tcp"');
            assert.equal(show('a"b'), '"a\\"b"');
            assert.equal(show(-1), "-1");
            assert.equal(show(6), "6");
            assert.equal(show(true), "true");
            assert.equal(show(null), "null");
            assert.equal(show(["a", 1]), '["a",1]');
            assert.equal(show(UNKNOWN), "(unknown)");
            assert.equal(show(ENGINE_UNKNOWN), "(unknown)");
            assert.equal(show(undefined), "(not set)");
        });
    });
});
