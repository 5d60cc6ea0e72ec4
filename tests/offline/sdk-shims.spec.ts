import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runInStack } from "../../offline/program";
import { isSdkSecret, secretSignature, wireSecret } from "../../offline/sdk-shims";

// The SDK's internal modules that offline/sdk-shims.ts adjusts.
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
    leakedPromises(): [Set<Promise<unknown>>, string];
};
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };

/**
 * The SDK code offline/sdk-shims.ts skipSdkPromiseStackTraces mirrors: `leakedPromises` (the exit-time report, the only reader of the debug
 * properties, and only with PULUMI_DEBUG_PROMISE_LEAKS), `promiseDebugString` and `debuggablePromise`, as in
 * @pulumi/pulumi 3.270.0.
 */
const SDK_DEBUGGABLE_SHA256 = "5b51dfd8a3d8882d4723285a8bbbf1653ba2faa5698115f2e9929c6bb9ed4b96";
function sdkDebuggableDigest(): string {
    const source = fs.readFileSync(require.resolve("@pulumi/pulumi/runtime/debuggable.js"), "utf8");
    const start = source.indexOf("function leakedPromises()");
    const end = source.indexOf("exports.debuggablePromise = debuggablePromise;");
    assert.ok(start >= 0 && end > start, "leakedPromises and debuggablePromise are still in runtime/debuggable.js");
    return crypto.createHash("sha256").update(source.slice(start, end)).digest("hex");
}

describe("offline/sdk-shims", () => {
    describe("the SDK's promise debugging", () => {
        it("mirrors the SDK's own code: an SDK whose leak report or debuggablePromise changed fails here (re-check offline/sdk-shims.ts)", () => {
            assert.equal(sdkDebuggableDigest(), SDK_DEBUGGABLE_SHA256);
        });

        it("debuggablePromise builds no Error and defines no debug properties, and keeps the leak bookkeeping", async () => {
            const limitBefore = Error.stackTraceLimit;
            await runInStack(async () => {
                const p = Promise.resolve(42);
                const wrapped = debuggable.debuggablePromise(p, "a test promise");
                assert.deepEqual(Object.getOwnPropertyNames(p), []);
                assert.ok(state.getStore().leakCandidates.has(p), "the promise is a leak candidate until it settles");
                assert.equal(await wrapped, 42);
                assert.ok(!state.getStore().leakCandidates.has(p), "a settled promise is no longer a leak candidate");
            });
            assert.equal(Error.stackTraceLimit, limitBefore);
        });

        it("the SDK's exit-time report still finds a promise that never settles", async () => {
            await runInStack(() => undefined); // a run is over, as at exit: nothing is registering
            const store = state.getStore();
            const saved = store.leakCandidates;
            store.leakCandidates = new Set();
            try {
                const pending = new Promise<never>(() => undefined);
                void debuggable.debuggablePromise(pending, "never settles");
                const [leaked, message] = debuggable.leakedPromises();
                assert.deepEqual([...leaked], [pending]);
                assert.match(message, /^The Pulumi runtime detected that 1 promise was still active\nat the time that the process exited\./);
            } finally {
                store.leakCandidates = saved;
            }
        });

        it("a rejection keeps its promise (err.promise) and every other error keeps its source-mapped stack", async () => {
            await runInStack(async () => {
                const failing = Promise.reject(new Error("boom"));
                const err = await debuggable.debuggablePromise(failing, "ctx").then(
                    () => assert.fail("expected a rejection"),
                    (e: Error & { promise?: unknown }) => e,
                );
                assert.equal(err.message, "boom");
                assert.equal(err.promise, failing);
                // An error the program itself creates: full trace, pointing into this .ts file.
                const stack = new Error("from the program").stack ?? "";
                assert.match(stack, /^Error: from the program\n {4}at .*tests\/offline\/sdk-shims\.spec\.ts:\d+:\d+/);
            });
        });
    });

    describe("source positions", () => {
        it("resources register without the SDK walking the stack for where they were declared", async () => {
            const sdk = pulumi.Resource as unknown as { callsites(): unknown[] };
            const callsites = sdk.callsites;
            let walks = 0;
            sdk.callsites = () => {
                walks++;
                return callsites.call(sdk);
            };
            try {
                const { resources } = await runInStack(() => {
                    new aws.ec2.Vpc("a", { cidrBlock: "10.0.0.0/16" });
                    new aws.ec2.Vpc("b", { cidrBlock: "10.1.0.0/16" });
                });
                assert.deepEqual(resources.map(r => `${r.type} ${r.name}`), ["pulumi:pulumi:Stack ec2-server-test", "aws:ec2/vpc:Vpc a", "aws:ec2/vpc:Vpc b"]);
                assert.equal(walks, 0);
            } finally {
                sdk.callsites = callsites;
            }
        });
    });

    describe("the secret signature", () => {
        it("is the SDK's own exported constants, and marks secrets as the SDK does", () => {
            assert.deepEqual(secretSignature(), { key: pulumi.runtime.specialSigKey, secret: pulumi.runtime.specialSecretSig });
            assert.deepEqual(wireSecret(42), { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: 42 });
            assert.equal(isSdkSecret(wireSecret("x")), true);
            assert.equal(isSdkSecret({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, ciphertext: "v1:abc" }), true);
            assert.equal(isSdkSecret({ value: "x" }), false);
        });
    });
});
