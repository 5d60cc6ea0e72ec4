// offline/plan/run.ts planStack: a stack planned offline, without the tools' rendering (which tests/tools/plan*.spec.ts
// test, with the pack).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { planStack } from "../../../offline/plan/run";
import { readStackConfig } from "../../../offline/stack-config";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("offline/plan/run", () => {
    it("a config the schema refuses stops before the pack or the program: the program's message, all errors at once", async () => {
        const stackConfig = readStackConfig(ROOT, "dev");
        stackConfig.config["ec2-server:instanceType"] = "12";
        const outcome = await planStack({ stackConfig, noPolicy: true });
        assert.equal(outcome.kind, "error");
        assert.match(outcome.kind === "error" ? outcome.message : "", /^Invalid ec2-server configuration \(1 error\); nothing was created:\n {2}- ec2-server:instanceType: got "12"/);
    });

    it("plans dev without the pack: the plan file's content, no policy verdicts, nothing refused, no state", async () => {
        const outcome = await planStack({ stackConfig: readStackConfig(ROOT, "dev"), noPolicy: true });
        assert.ok(outcome.kind === "planned");
        assert.deepEqual([outcome.plan.stack, outcome.plan.region, outcome.plan.policy, outcome.againstState, outcome.blocked], ["dev", "ap-northeast-2", null, false, false]);
        assert.equal(outcome.plan.resources.length, 24);
        assert.deepEqual(outcome.plan.providers, { aws: { region: "ap-northeast-2", defaultTags: { tags: { Project: "ec2-server", Environment: "dev" } } }, tls: {} });
        assert.deepEqual([outcome.refusals, outcome.unverified, outcome.stateExport], [[], [], undefined]);
    });
});
