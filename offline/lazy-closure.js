// @ts-check
// The Pulumi SDK without its function serializer, until something calls it.
//
// When `@pulumi/pulumi` loads, its `runtime/index.js` requires `runtime/closure/serializeClosure` (which loads
// TypeScript, to parse functions) and `runtime/closure/codePaths` (which loads `@npmcli/arborist`), only to re-export
// `serializeFunction`, `serializeFunctionAsync` and `computeCodePaths`: what turns a JavaScript function into code for
// a Lambda or a dynamic provider. Neither this program, nor the offline engine, nor the policy pack serializes a
// function, and loading the two was about 0.35 s of every process that loads the SDK (with Node's compile cache, on
// 2 cores: the SDK, `@pulumi/aws` and `@pulumi/tls` in 0.37-0.52 s instead of 0.74-0.95 s; a pack's start 0.5-0.8 s
// instead of 0.8-1.1 s).
//
// So, in the processes of the offline engine, `runtime/index.js` gets stand-ins whose functions load the real module
// at their first call and then forward to it: nothing changes for a caller but when the module loads. The tools load
// this file through offline/sdk-shims.ts (the engine's SDK shims, loaded first by offline/program.ts), mocha through .mocharc.json, and the packs the tools start through
// NODE_OPTIONS (offline/policy/pack.ts packEnv); it is plain JavaScript so that a pack can require it before any
// TypeScript loader exists. A real `pulumi up` or `pulumi preview` never loads it.
// tests/offline/lazy-closure.spec.ts checks that these are exactly the names `runtime/index.js` reads.
"use strict";
const Module = require("node:module");

/** The modules `runtime/index.js` requires, and the exports it reads from each. */
const LAZY_EXPORTS = Object.freeze({
    "./closure/serializeClosure": Object.freeze(["serializeFunctionAsync", "serializeFunction"]),
    "./closure/codePaths": Object.freeze(["computeCodePaths"]),
});

/** Who requires them: the SDK's `runtime/index.js`, wherever `@pulumi/pulumi` is installed. */
const SDK_RUNTIME_INDEX = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]index\.js$/;

/** @typedef {(request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown} Load */
const loader = /** @type {{ _load: Load }} */ (/** @type {unknown} */ (Module));

/** Installs the stand-ins for every later load of the SDK in this process (once: Node runs this file once a process). */
function deferSdkClosureSerializer() {
    const load = loader._load;
    /** @type {Load} */
    loader._load = function (request, parent, isMain) {
        const names = /** @type {Record<string, readonly string[]>} */ (LAZY_EXPORTS)[request];
        if (names === undefined || parent === undefined || !SDK_RUNTIME_INDEX.test(parent.filename)) {
            return load.call(this, request, parent, isMain);
        }
        /** @type {Record<string, (...args: unknown[]) => unknown> | undefined} */
        let real;
        const realModule = () => (real ??= /** @type {Record<string, (...args: unknown[]) => unknown>} */ (load.call(loader, request, parent, false)));
        return Object.fromEntries(names.map(name => [name, (/** @type {unknown[]} */ ...args) => realModule()[name](...args)]));
    };
}

deferSdkClosureSerializer();

module.exports = { LAZY_EXPORTS };
