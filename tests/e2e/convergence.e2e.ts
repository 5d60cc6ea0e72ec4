/**
 * Every stack we ship, and the variants the offline tests cover, through the real Pulumi CLI against the simulated
 * AWS, as terraform-provider-aws's acceptance tests do it: `up`, `refresh`, then `preview --expect-no-changes` with
 * the policy pack, which fails on any change ("After applying this test step, the plan was not empty"). The
 * offline engine must agree: its plan against the real `pulumi stack export` changes nothing either.
 */
import * as assert from "node:assert/strict";
import { ed25519Key } from "../../offline/ssh-keys";
import { EXISTING, PINNED_IMAGES } from "../../offline/aws/model";
import { assertConformance, opsOf, SimStack, stackConfig } from "./harness";

const KMS_KEY = "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CERTIFICATE = "arn:aws:acm:ap-northeast-2:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab";

/** [label, stack, overrides (pulumi config strings), secret config] */
export const VARIANTS: [string, string, Record<string, string>, Record<string, string>?][] = [
    ["dev", "dev", {}],
    ["prod", "prod", {}],
    ["web (Auto Scaling group, load balancer, NAT)", "web", {}],
    ["Elastic IP", "dev", { "ec2-server:elasticIp": "true", "ec2-server:publicIp": "false" }],
    ["data volumes", "dev", { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }, { name: "logs", sizeGiB: 10, deviceName: "/dev/sdg" }]) }],
    ["termination protection", "dev", { "ec2-server:terminationProtection": "true" }],
    ["an imported key", "dev", { "ec2-server:keyPair": "import", "ec2-server:publicKey": ed25519Key("imported").publicKeyOpenssh.trim() }],
    ["a pinned AMI", "dev", { "ec2-server:ami": PINNED_IMAGES[0].id }],
    ["an adopted network", "dev", {
        "ec2-server:existingVpcId": EXISTING.vpcId,
        "ec2-server:existingSubnetIds": JSON.stringify(EXISTING.subnets.map(s => s.id)),
        "ec2-server:existingSecurityGroupIds": JSON.stringify(EXISTING.securityGroupIds),
        "ec2-server:sshCidrs": "[]",
    }],
    ["private subnets with endpoints", "dev", { "ec2-server:privateSubnets": "true", "ec2-server:publicIp": "false", "ec2-server:sshCidrs": "[]", "ec2-server:keyPair": "none" }],
    ["a NAT gateway per zone", "dev", { "ec2-server:privateSubnets": "true", "ec2-server:publicIp": "false", "ec2-server:natGateways": "perAz" }],
    ["a KMS key ARN", "dev", {
        "ec2-server:rootVolume": JSON.stringify({ sizeGiB: 10, kmsKeyId: KMS_KEY }),
        "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf", kmsKeyId: KMS_KEY }]),
    }],
    ["user data with replace-on-change", "dev", { "ec2-server:userData": "#!/bin/bash\ndnf -y install nginx\n", "ec2-server:userDataReplaceOnChange": "true" }],
    ["secret user data", "dev", {}, { "ec2-server:userData": "#!/bin/bash\nexport TOKEN=s3cr3t\n" }],
    ["fixed servers behind an HTTPS load balancer", "dev", { "ec2-server:instanceCount": "2", "ec2-server:loadBalancer": JSON.stringify({ certificateArn: CERTIFICATE }) }],
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
