import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runInStack } from "../../offline/program";

// The SDK's internal modules that offline/program.ts adjusts.
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown>> } };

type Traced = Promise<unknown> & { _debugId: number; _debugCtx: unknown; _debugStackTrace: string };

describe("offline/program", () => {
    describe("the SDK's promise traces", () => {
        it("debuggablePromise captures no stack frames, and keeps its id, context and leak bookkeeping", async () => {
            const limitBefore = Error.stackTraceLimit;
            await runInStack(async () => {
                const p = Promise.resolve(42) as Traced;
                const wrapped = debuggable.debuggablePromise(p, "a test promise");
                assert.equal(p._debugStackTrace, "Error");
                assert.equal(p._debugCtx, "a test promise");
                assert.equal(typeof p._debugId, "number");
                assert.ok(state.getStore().leakCandidates.has(p), "the promise is a leak candidate until it settles");
                assert.equal(await wrapped, 42);
                assert.ok(!state.getStore().leakCandidates.has(p), "a settled promise is no longer a leak candidate");
            });
            assert.equal(Error.stackTraceLimit, limitBefore);
        });

        it("a rejection keeps its promise (err.promise) and every other error keeps its source-mapped stack", async () => {
            await runInStack(async () => {
                const failing = Promise.reject(new Error("boom")) as Traced;
                const err = await debuggable.debuggablePromise(failing, "ctx").then(
                    () => assert.fail("expected a rejection"),
                    (e: Error & { promise?: unknown }) => e,
                );
                assert.equal(err.message, "boom");
                assert.equal(err.promise, failing);
                // An error the program itself creates: full trace, pointing into this .ts file.
                const stack = new Error("from the program").stack ?? "";
                assert.match(stack, /^Error: from the program\n {4}at .*tests\/offline\/program\.spec\.ts:\d+:\d+/);
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

    describe("the filter of reported rejections", () => {
        it("is installed again by the next run after a host removed every unhandledRejection listener, and only once", async () => {
            const saved = process.listeners("unhandledRejection");
            try {
                process.removeAllListeners("unhandledRejection"); // what mocha's parallel worker does after each file
                await runInStack(() => undefined);
                await runInStack(() => undefined);
                assert.deepEqual(process.listeners("unhandledRejection").map(f => f.name), ["onUnhandledRejection"]);
            } finally {
                process.removeAllListeners("unhandledRejection");
                saved.forEach(l => process.on("unhandledRejection", l));
            }
        });
    });
});
