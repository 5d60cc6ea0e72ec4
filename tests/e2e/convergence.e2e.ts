/**
 * Every stack we ship, and the variants the offline tests cover, through the real Pulumi CLI against the simulated
 * AWS, as terraform-provider-aws's acceptance tests do it: `up`, `refresh`, then `preview --expect-no-changes` with
 * the policy pack, which fails on any change ("After applying this test step, the plan was not empty"). The
 * offline engine must agree: its plan against the real `pulumi stack export` changes nothing either.
 */
import * as assert from "node:assert/strict";
import { STACK_VARIANTS, StackVariant } from "../fixtures/variants";
import { assertConformance, opsOf, SimStack, stackConfig } from "./harness";

export const VARIANTS: StackVariant[] = [
    ...STACK_VARIANTS,
    ["mixed instances and Spot", "web", { "ec2-server:autoScaling": JSON.stringify({ min: 2, max: 6, cpuTarget: 50, instanceTypes: ["t3a.small", "t2.small"], spot: { onDemandBase: 1, onDemandPercentAboveBase: 25 } }) }],
    ["schedules", "web", { "ec2-server:autoScaling": JSON.stringify({ min: 2, max: 6, cpuTarget: 50, schedules: [{ name: "night", recurrence: "0 20 * * *", timeZone: "Asia/Seoul", min: 1, max: 2 }, { name: "morning", recurrence: "0 7 * * 1-5", timeZone: "Asia/Seoul", min: 2 }] }) }],
];

describe("e2e: every stack converges under the real Pulumi CLI (up, refresh, preview --expect-no-changes --policy-pack)", () => {
    for (const [label, stack, overrides, secrets] of VARIANTS) {
        it(label, async () => {
            const config = stackConfig(stack, overrides);
            const s = new SimStack(stack, config, secrets);
            try {
                const up = s.up();
                assert.equal(up.status, 0, `up failed:\n${up.stdout}\n${up.stderr}`);
                s.refresh();
                const { run, preview } = s.preview(["--expect-no-changes", "--policy-pack", "policy"]);
                assert.equal(run.status, 0, `preview after up + refresh is not empty, or a mandatory policy failed:\n${run.stdout}\n${run.stderr}`);
                assert.ok(preview, run.stdout);
                assert.deepEqual(Object.entries(preview.changeSummary).filter(([op]) => op !== "same"), []);
                // Conformance: the offline engine, against the real engine's state, plans no change either.
                const offline = await assertConformance(s, config, preview, secrets);
                assert.deepEqual(opsOf(offline.deployment.steps), {});
                assert.deepEqual(offline.deployment.refusals, []);
            } finally {
                s.dispose();
            }
        });
    }
});
