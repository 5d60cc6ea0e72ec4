// The rest of the AWS model's types, by their own rules: offline/aws/ec2/*.ts (with instance-store.ts), ebs/volume.ts,
// vpc/*.ts (the separate security group rules and rule.ts), iam/*.ts and tls/private-key.ts. They are also exercised
// by every program test; their day-2 rules by tests/offline/deployment.spec.ts and lifecycle-rules.spec.ts.
import * as assert from "node:assert/strict";
import { AwsModel, EXISTING } from "../../../offline/aws/model";
import { awsManagedEbsKeyArn, volumeDefaults } from "../../../offline/aws/ebs/volume";
import { hasInstanceStore } from "../../../offline/aws/ec2/instance-store";
import { readBack, WorldFacts } from "../../../offline/lifecycle-rules";
import type { StateResource } from "../../../offline/state";

const REGION = "ap-northeast-2";
const FACTS: WorldFacts = { region: REGION, partition: "aws", accountId: "123456789012", defaultTags: { Team: "a" }, amiRootSizeGiB: () => undefined };
const create = (model: AwsModel, type: string, name: string, inputs: Record<string, unknown>) =>
    model.newResource({ type, name, inputs, custom: true } as never);

function resource(type: string, id: string, inputs: Record<string, unknown>, outputs: Record<string, unknown>): StateResource {
    return { urn: `urn:pulumi:dev::ec2-server::${type}::${id}`, type, id, custom: true, inputs, outputs, dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false };
}

describe("offline/aws: EC2, EBS, VPC rules, IAM and TLS types", () => {
    it("instance types with an NVMe instance store: the d variants and the storage-optimized series", () => {
        assert.deepEqual(["m7gd.large", "c6id.xlarge", "i4i.large", "d3.xlarge", "is4gen.large", "t3.micro", "m7g.large", "mac2.metal"].map(hasInstanceStore),
            [true, true, true, true, true, false, false, false]);
    });

    it("a separate rule takes exactly one source, and an all-traffic rule no ports (AWS's errors)", () => {
        const model = new AwsModel({ region: REGION });
        const rule = { securityGroupId: EXISTING.securityGroupIds[0], ipProtocol: "tcp", fromPort: 22, toPort: 22 };
        assert.throws(() => create(model, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { ...rule, cidrIpv4: "10.0.0.0/8", cidrIpv6: "::/0" }),
            /^Error: InvalidParameterCombination: aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule takes exactly one of cidr_ipv4, cidr_ipv6, referenced_security_group_id, prefix_list_id \(got cidrIpv4, cidrIpv6\)$/);
        assert.throws(() => create(model, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "r", { ...rule, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
            /InvalidParameterValue: ip_protocol -1 means all ports; from_port and to_port must not be set/);
        assert.match(create(model, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { ...rule, cidrIpv4: "10.0.0.0/8" }).id!, /^sgr-0[0-9a-f]{16}$/);
    });

    it("a group reads back its separate rules in ingress and egress, and its tagsAll with the provider's defaultTags", () => {
        const group = resource("aws:ec2/securityGroup:SecurityGroup", "sg-1", { ingress: [] }, { tags: { Name: "web" } });
        const rule = resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "sgr-1", {}, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
        const out = readBack(group, [group, rule], FACTS);
        assert.deepEqual(out.ingress, [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], self: false, description: "" }]);
        assert.deepEqual(out.egress, []);
        assert.deepEqual(out.tagsAll, { Team: "a", Name: "web" });
    });

    it("gp3 volumes read back 3000 IOPS and 125 MiB/s, and an encrypted one without a key the account's aws/ebs key", () => {
        const key = awsManagedEbsKeyArn(FACTS);
        assert.match(key, /^arn:aws:kms:ap-northeast-2:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.deepEqual(volumeDefaults({ type: "gp3", encrypted: true }, "type", FACTS), { type: "gp3", encrypted: true, iops: 3000, throughput: 125, kmsKeyId: key });
        assert.deepEqual(volumeDefaults({ type: "io2", iops: 5000 }, "type", FACTS), { type: "io2", iops: 5000 });
    });

    it("IAM refuses a malformed trust policy and a managed policy of another partition; TLS keys are real", () => {
        const model = new AwsModel({ region: REGION });
        assert.throws(() => create(model, "aws:iam/role:Role", "r", { assumeRolePolicy: JSON.stringify({ Statement: [] }) }), /MalformedPolicyDocument/);
        assert.throws(() => create(model, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws-cn:iam::aws:policy/X" }),
            { message: "InvalidInput: ARN arn:aws-cn:iam::aws:policy/X is not in partition aws" });
        const key = create(model, "tls:index/privateKey:PrivateKey", "k", { algorithm: "ED25519" });
        assert.match(String(key.state.publicKeyOpenssh), /^ssh-ed25519 AAAA/);
        assert.throws(() => create(model, "tls:index/privateKey:PrivateKey", "k", { algorithm: "ECDSA" }), { message: "the model generates ED25519 and RSA keys, not ECDSA" });
    });
});
