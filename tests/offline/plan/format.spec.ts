// offline/plan/format.ts and offline/plan/format-schema.ts: the plan file's reader (every problem at once) and its value rendering.
import * as assert from "node:assert/strict";
import { parsePlan, PlanFormatError, renderValue, SECRET_PLACEHOLDER, UNKNOWN_SENTINEL } from "../../../offline/plan/format";
import { basePlan, PLAN_BASE_FILE } from "../../fixtures/plans";

const P = "urn:pulumi:dev::ec2-server::";

describe("offline/plan/format", () => {
    it("the plan reader reports every problem at once", async () => {
        const bad = {
            version: 2,
            project: "ec2-server",
            stack: "dev",
            resources: [
                { urn: "not-a-urn", type: "aws:ec2/vpc:Vpc", name: "v", custom: true, inputs: {} },
                { urn: `${P}aws:ec2/vpc:Vpc::v`, type: "aws:ec2/vpc:Vpc", name: "v", custom: "yes", inputs: {}, options: { protect: 1 } },
                { urn: `${P}aws:ec2/vpc:Vpc::w`, type: "aws:ec2/vpc:Vpc", name: "w", custom: true, inputs: {}, parent: `${P}pulumi:pulumi:Stack::missing` },
            ],
            policy: { policies: [{ name: "x", enforcementLevel: "fatal" }], diagnostics: [] },
        };
        assert.throws(
            () => parsePlan(bad, "bad.json"),
            (err: unknown) => {
                assert.ok(err instanceof PlanFormatError);
                assert.deepEqual(err.problems, [
                    "version must be 1 (got 2)",
                    "region must be a non-empty string",
                    "resources[0].urn is not a Pulumi URN: not-a-urn",
                    "resources[1].custom must be a boolean",
                    "resources[1].options.protect must be a boolean",
                    `${P}aws:ec2/vpc:Vpc::w: parent ${P}pulumi:pulumi:Stack::missing is not in resources`,
                    "policy.policies[0] must be { name: string, enforcementLevel: advisory|mandatory|remediate|disabled }",
                ]);
                return true;
            },
        );
    });

    it("reads a plan written before plan files recorded providers: no `providers`, the rest as written", () => {
        const plan = basePlan();
        assert.equal(plan.providers, undefined);
        assert.deepEqual([plan.version, plan.project, plan.stack, plan.region, plan.resources.length], [1, "ec2-server", "dev", "ap-northeast-2", 15]);
        assert.ok(PLAN_BASE_FILE.endsWith("plan-base.json"));
    });

    it("renders values for people: secrets and unknowns by name, long values cut", () => {
        assert.equal(renderValue(undefined), "(none)");
        assert.equal(renderValue(UNKNOWN_SENTINEL), "(unknown until apply)");
        assert.equal(renderValue(SECRET_PLACEHOLDER), "[secret]");
        assert.equal(renderValue({ a: UNKNOWN_SENTINEL }), '{"a":"(unknown)"}');
        assert.equal(renderValue("x".repeat(200)), `"${"x".repeat(159)}… (202 chars)`);
    });
});
