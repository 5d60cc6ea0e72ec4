// offline/monitor.ts: the recording monitor (what the stock MockMonitor drops: options, parents, dependencies, secret
// inputs) and the engine's URNs.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { engineUrn, isSecretValue, unwrap } from "../../offline/monitor";
import { runInStack } from "../../offline/program";
import { wireSecret } from "../../offline/sdk-shims";

describe("offline/monitor", () => {
    it("unwraps secrets, collecting the paths that were secret", () => {
        const secrets: string[] = [];
        assert.deepEqual(unwrap({ a: wireSecret("s"), b: [1, wireSecret({ c: 2 })] }, "", secrets), { a: "s", b: [1, { c: 2 }] });
        assert.deepEqual(secrets, ["a", "b[1]"]);
        assert.deepEqual([isSecretValue(wireSecret(1)), isSecretValue({ value: 1 })], [true, false]);
    });

    it("records each resource's options, parent, dependencies and secret inputs, under the URNs the engine builds", async () => {
        const { resources } = await runInStack(() => {
            const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" }, { protect: true, ignoreChanges: ["tags"] });
            new aws.ec2.Subnet("s", { vpcId: vpc.id, cidrBlock: pulumi.secret("10.0.0.0/24"), availabilityZone: "ap-northeast-2a" }, { parent: vpc, deleteBeforeReplace: true });
        });
        const [stack, vpc, subnet] = resources;
        assert.equal(stack.urn, "urn:pulumi:test::ec2-server::pulumi:pulumi:Stack::ec2-server-test");
        assert.equal(vpc.urn, "urn:pulumi:test::ec2-server::aws:ec2/vpc:Vpc::v");
        assert.equal(subnet.urn, engineUrn(vpc.urn, "aws:ec2/subnet:Subnet", "s"));
        assert.equal(subnet.urn, "urn:pulumi:test::ec2-server::aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet::s");
        assert.deepEqual([vpc.options.protect, vpc.options.ignoreChanges, subnet.options.deleteBeforeReplace], [true, ["tags"], true]);
        assert.deepEqual([subnet.parent, subnet.dependencies, subnet.propertyDependencies.vpcId, subnet.secretInputs], [vpc.urn, [vpc.urn], [vpc.urn], ["cidrBlock"]]);
        assert.equal(subnet.inputs.cidrBlock, "10.0.0.0/24");
    });
});
