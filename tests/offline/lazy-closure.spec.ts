import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import "@pulumi/pulumi";

const { LAZY_EXPORTS } = require("../../offline/lazy-closure.js") as { LAZY_EXPORTS: Record<string, readonly string[]> };

/** What `runtime/index.js` of the installed SDK requires from ./closure/, and which exports of each it reads. */
function closureExportsRead(): Record<string, string[]> {
    const source = fs.readFileSync(require.resolve("@pulumi/pulumi/runtime/index.js"), "utf8");
    const read: Record<string, string[]> = {};
    for (const [, variable, request] of source.matchAll(/(\w+) = require\("(\.\/closure\/[^"]+)"\)/g)) {
        read[request] = [...source.matchAll(new RegExp(`\\b${variable}\\.(\\w+)`, "g"))].map(m => m[1]);
    }
    return read;
}

describe("offline/lazy-closure (the SDK's function serializer loads only when called)", () => {
    it("stands in for exactly the modules and exports the SDK's runtime/index.js reads (an SDK upgrade that changes them fails here)", () => {
        assert.deepEqual(closureExportsRead(), LAZY_EXPORTS);
    });

    it("the SDK is loaded in this process without them, nor TypeScript's parser or @npmcli/arborist through them", () => {
        const loaded = Object.keys(require.cache);
        assert.ok(loaded.some(f => /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]index\.js$/.test(f)), "the SDK's runtime is loaded");
        assert.deepEqual(loaded.filter(f => /[\\/]runtime[\\/]closure[\\/](serializeClosure|codePaths|createClosure|parseFunction)\.js$|[\\/]@npmcli[\\/]arborist[\\/]/.test(f)), []);
    });

    it("a stand-in loads the real module at its first call and forwards the arguments and the result", () => {
        // A copy of the SDK's layout with a closure module that says when it is loaded.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lazy-closure-"));
        try {
            const runtime = path.join(dir, "node_modules", "@pulumi", "pulumi", "runtime");
            fs.mkdirSync(path.join(runtime, "closure"), { recursive: true });
            fs.writeFileSync(path.join(runtime, "index.js"), [
                'var serializeClosure_1 = require("./closure/serializeClosure");',
                "exports.serializeFunction = serializeClosure_1.serializeFunction;",
                "",
            ].join("\n"));
            fs.writeFileSync(path.join(runtime, "closure", "serializeClosure.js"), [
                "globalThis.lazyClosureLoads = (globalThis.lazyClosureLoads ?? 0) + 1;",
                "exports.serializeFunction = (f, opts) => ({ text: String(f()), exportName: opts.exportName });",
                "",
            ].join("\n"));
            const g = globalThis as { lazyClosureLoads?: number };
            delete g.lazyClosureLoads;
            const sdk = require(path.join(runtime, "index.js")) as { serializeFunction(f: () => number, opts: { exportName: string }): unknown };
            assert.equal(g.lazyClosureLoads, undefined, "not loaded with the SDK");
            assert.deepEqual(sdk.serializeFunction(() => 42, { exportName: "handler" }), { text: "42", exportName: "handler" });
            assert.deepEqual(sdk.serializeFunction(() => 7, { exportName: "other" }), { text: "7", exportName: "other" });
            assert.equal(g.lazyClosureLoads, 1, "loaded once, at the first call");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
