// offline/policy/pack.ts: the pack process as the Pulumi CLI starts it (its environment, its failures) and the one-shot
// check; offline/policy/analyzer.ts's hasMandatory. The pack's answers over gRPC are tested in tests/policy/pack.spec.ts.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { getCompileCacheDir } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { hasMandatory } from "../../../offline/policy/analyzer";
import { loadPolicyConfig } from "../../../offline/policy/config";
import { checkResources, packCompileCacheDir, packEnv, PolicyPackProcess } from "../../../offline/policy/pack";
import { EXPECTED_POLICIES } from "../../policy/helpers";
import { instance } from "../../policy/pack-resources";
import { REPO, sharedPack, withLentPack } from "../../tools/helpers";

/** The directory of the compile cache offline/register.js turns on in this process (as it chooses it). */
const V8_CACHE = process.env["NODE_COMPILE_CACHE"] || process.env["EC2_SERVER_V8_CACHE"] || path.join(REPO, "node_modules", ".cache", "ec2-server", "v8");
const STRICT = path.join(REPO, "policy", "config", "strict.json");

describe("offline/policy/pack", () => {
    it("checkResources runs a one-shot check with a config file and reports effective levels", async () => {
        const publicServer = instance({ associatePublicIpAddress: true });
        // The worker's pack, lent: one start and one close are what checkResources asks for.
        const { result, starts, closes } = await withLentPack(await sharedPack(), () => checkResources([publicServer, instance({})], { policyConfig: loadPolicyConfig(STRICT) }));
        assert.deepEqual({ starts, closes }, { starts: 1, closes: 1 });
        assert.deepEqual(result.policies.find(p => p.name === "ec2-no-public-ip"), { name: "ec2-no-public-ip", enforcementLevel: "mandatory" });
        assert.deepEqual(result.policies.map(p => p.name), EXPECTED_POLICIES.map(p => p.name));
        assert.deepEqual(result.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.urn]), [["ec2-no-public-ip", "mandatory", publicServer.urn]]);
        assert.equal(hasMandatory(result.diagnostics), true);
    });

    it("start() rejects with the pack's stderr when the pack cannot start; the pack had its compile cache and the lazy SDK serializer from its first module on", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broken-pack-"));
        try {
            fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.1", main: "index.js" }));
            // As a real pack does (through @pulumi/policy), it loads the SDK; then it says what it has, and fails.
            fs.writeFileSync(path.join(dir, "index.js"), [
                'require("@pulumi/pulumi");',
                'const { getCompileCacheDir } = require("node:module");',
                "const loaded = re => Object.keys(require.cache).some(f => re.test(f));",
                "const typescript = loaded(/[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/);",
                "const serializer = loaded(/[\\\\/]runtime[\\\\/]closure[\\\\/](serializeClosure|codePaths)\\.js$/);",
                'process.stderr.write(`NODE_COMPILE_CACHE=${process.env.NODE_COMPILE_CACHE} in use=${getCompileCacheDir()} typescript loaded=${typescript} serializer loaded=${serializer}\\n`);',
                'throw new Error("pack exploded");',
                "",
            ].join("\n"));
            const cache = packCompileCacheDir();
            assert.equal(cache, `${V8_CACHE}-pack`);
            await assert.rejects(PolicyPackProcess.start({ packDir: dir, timeoutMs: 30_000 }), (e: Error) =>
                e.message.startsWith(`Policy pack ${dir} exited (code `) && e.message.includes("pack exploded")
                // Turned on by the environment before run-policy-pack loaded TypeScript, so TypeScript came from it too;
                // the SDK loaded without its function serializer.
                && e.message.includes(`NODE_COMPILE_CACHE=${cache} in use=${cache}${path.sep}v${process.versions.node}-`)
                && e.message.includes(" typescript loaded=true serializer loaded=false\n"));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("packEnv: the packs' own compile cache and the lazy SDK serializer by default, the environment as it is as the CLI starts a pack", () => {
        assert.ok(getCompileCacheDir()?.startsWith(path.join(V8_CACHE, `v${process.versions.node}-`)), "register.js's compile cache is on in the test process");
        const lazy = path.join(REPO, "offline", "lazy-closure.js");
        assert.ok(fs.existsSync(lazy));
        const options = [process.env["NODE_OPTIONS"], `--require ${JSON.stringify(lazy)}`].filter(Boolean).join(" ");
        assert.deepEqual(packEnv(), { ...process.env, NODE_COMPILE_CACHE: `${V8_CACHE}-pack`, NODE_OPTIONS: options });
        assert.equal(packEnv(true), process.env);
    });
});
