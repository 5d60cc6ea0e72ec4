// offline/index.ts: the engine's one public entry. It loads light (a tool's fast path pays for nothing else) and its
// functions loaded at first call reach the modules behind them.
import * as assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import * as path from "node:path";
import * as engine from "../../offline";
import { basePlan, planWith } from "../fixtures/plans";

const REPO = path.join(__dirname, "..", "..");

describe("offline/index", () => {
    it("loads without the SDK, the AWS model, the program's config module or gRPC", () => {
        const script = [
            'require("./offline");',
            "const loaded = Object.keys(require.cache);",
            'console.log(JSON.stringify(["@pulumi/pulumi/index.js", "@pulumi/pulumi/runtime/rpc.js", "offline/aws/registry.ts", "config/index.ts", "@grpc/grpc-js"].filter(m => loaded.some(f => f.includes(m)))));',
        ].join("\n");
        const r = childProcess.spawnSync(process.execPath, ["-r", "./offline/register.js", "-e", script], { cwd: REPO, encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(JSON.parse(r.stdout), []);
    });

    it("reaches the diff, the force-new table, facts and the pack's module when first called", () => {
        assert.deepEqual(engine.diffPlans(basePlan(), planWith("instance-type")).changed.map(c => c.name), ["server-0"]);
        assert.equal(engine.forceNewKind("aws:ec2/instance:Instance")?.label, "EC2 instance");
        assert.equal(engine.forceNewKind("aws:s3/bucket:Bucket"), undefined);
        assert.equal(Object.keys(engine.forceNewTable()).length, 32);
        assert.equal(engine.renderNotVerified([{ subject: "ami-1", assumed: "assumed x" }]).split("\n")[0], "Not verified offline (the AWS model cannot see these in your account; `pulumi up` looks each one up and fails if it is wrong):");
        assert.equal(typeof engine.startPolicyPack, "function");
    });
});
