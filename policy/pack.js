// @ts-check
// The pack's entry point (package.json "main"). The Pulumi CLI starts a Node.js pack with
// @pulumi/pulumi/cmd/run-policy-pack, which registers ts-node with type-checking on and then requires this
// file. Type-checking the pack against @pulumi/policy and @pulumi/pulumi at every start took seconds, so
// the pack runs from bin/: JavaScript that `npm run build` (policy/build.js, also run by `npm ci`) compiled
// and type-checked from the TypeScript sources.
//
// bin/ runs only if it was built from exactly the sources that are here now. Otherwise (a policy edited
// since the last build, or no build) the TypeScript sources run instead, type-checked by that ts-node as
// they always were, and stderr says so: a stale build never runs.
//
// The pack also turns on Node's compile cache (module.enableCompileCache: in $NODE_COMPILE_CACHE, or else in
// <os tmpdir>/node-compile-cache), so the next start reads the V8 code of @pulumi/policy, @pulumi/pulumi and
// gRPC instead of compiling them again, and writes it once the pack is loaded (it runs until the CLI kills it,
// so it would never reach the exit that normally writes the cache). Node checks each entry against the
// file's content and its own version.
"use strict";
const nodeModule = require("node:module");

nodeModule.enableCompileCache?.();
const { staleReason } = require("./build.js");

const reason = staleReason(__dirname);
if (reason === undefined) {
    require("./bin/index.js");
    nodeModule.flushCompileCache?.();
} else {
    process.stderr.write(
        `ec2-server policy pack: ${reason}; running the TypeScript sources instead (type-checked at every start, slower). ` +
            "Run `npm run build` to start from the compiled pack.\n",
    );
    if (require.extensions[".ts"] === undefined) {
        throw new Error("ec2-server policy pack: no TypeScript loader is registered; start the pack with @pulumi/pulumi/cmd/run-policy-pack (as the Pulumi CLI does), or run `npm run build` first");
    }
    require("./index.ts");
}
