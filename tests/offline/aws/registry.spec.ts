// offline/aws/registry.ts and what every type module declares (offline/aws/type.ts, rows.ts, tokens.ts): one module
// per type, each listed once; the force-new rows, Optional+Computed rows, autonames and untagged types the engine and
// the simulated provider read from them, as they were before they moved into the modules.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_TYPES, awsType } from "../../../offline/aws/registry";
import * as tokens from "../../../offline/aws/tokens";
import { RESOURCE_KINDS } from "../../../offline/force-new";
import { parsePath } from "../../../offline/paths";
import { AUTONAMED } from "../../../offline/provider/aws";

const AWS_DIR = path.join(__dirname, "..", "..", "..", "offline", "aws");
/** Modules under a service directory that are not a type of their own. */
const HELPERS = ["ec2/instance-store.ts", "vpc/rule.ts"];

describe("offline/aws/registry", () => {
    it("lists every type module once: one module per type, one line each", () => {
        const modules = fs.readdirSync(AWS_DIR, { withFileTypes: true }).filter(d => d.isDirectory())
            .flatMap(d => fs.readdirSync(path.join(AWS_DIR, d.name)).map(f => `${d.name}/${f}`))
            .filter(f => f.endsWith(".ts") && !HELPERS.includes(f));
        assert.equal(AWS_TYPES.length, modules.length);
        const exported = modules.flatMap(m => Object.values(require(path.join(AWS_DIR, m)) as Record<string, unknown>))
            .filter((v): v is { token: string } => typeof v === "object" && v !== null && typeof (v as { token?: unknown }).token === "string");
        assert.deepEqual(exported.map(t => t.token).sort(), AWS_TYPES.map(t => t.token).sort());
        assert.equal(new Set(AWS_TYPES.map(t => t.token)).size, AWS_TYPES.length);
        for (const t of AWS_TYPES) {
            assert.equal(awsType(t.token), t);
        }
        assert.equal(awsType("aws:ec2/nope:Nope"), undefined);
        for (const token of Object.values(tokens)) {
            assert.ok(awsType(token), `${token} is a registered type`);
        }
    });

    it("the force-new table covers the same 32 types, each row with its citation and a path the diff can read", () => {
        assert.deepEqual(Object.keys(RESOURCE_KINDS).sort(), [
            "aws:autoscaling/group:Group", "aws:autoscaling/policy:Policy", "aws:autoscaling/schedule:Schedule",
            "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment", "aws:ebs/volume:Volume", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            "aws:ec2/eip:Eip", "aws:ec2/eipAssociation:EipAssociation", "aws:ec2/instance:Instance", "aws:ec2/internetGateway:InternetGateway",
            "aws:ec2/keyPair:KeyPair", "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/natGateway:NatGateway", "aws:ec2/route:Route",
            "aws:ec2/routeTable:RouteTable", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/securityGroup:SecurityGroup",
            "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:ec2/subnet:Subnet", "aws:ec2/volumeAttachment:VolumeAttachment", "aws:ec2/vpc:Vpc",
            "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:iam/instanceProfile:InstanceProfile", "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "aws:lb/listener:Listener", "aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:lb/targetGroupAttachment:TargetGroupAttachment",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "tls:index/privateKey:PrivateKey",
        ]);
        for (const [token, kind] of Object.entries(RESOURCE_KINDS)) {
            for (const row of kind.forceNew) {
                assert.match(row.source, /^terraform-provider-(aws|tls) /, `${token} ${row.path}`);
                if (!row.project) {
                    assert.doesNotThrow(() => parsePath(row.path), `${token} ${row.path}`);
                }
            }
            for (const ref of kind.references) {
                assert.ok(RESOURCE_KINDS[ref.targetType], `${token} ${ref.path} → ${ref.targetType}`);
            }
        }
    });

    it("Optional+Computed rows are paths; the autonamed inputs and untagged types are those the provider and the read-back used", () => {
        for (const t of AWS_TYPES) {
            for (const row of t.computed ?? []) {
                assert.doesNotThrow(() => parsePath(row), `${t.token} ${row}`);
            }
        }
        assert.deepEqual(AUTONAMED, {
            "aws:ec2/securityGroup:SecurityGroup": { property: "name", maxLength: 255 },
            "aws:iam/role:Role": { property: "name", maxLength: 64 },
            "aws:iam/instanceProfile:InstanceProfile": { property: "name", maxLength: 255 },
            "aws:ec2/keyPair:KeyPair": { property: "keyName", maxLength: 255 },
            "aws:ec2/launchTemplate:LaunchTemplate": { property: "name", maxLength: 255 },
            "aws:autoscaling/group:Group": { property: "name", maxLength: 255 },
            "aws:autoscaling/policy:Policy": { property: "name", maxLength: 255 },
            "aws:lb/loadBalancer:LoadBalancer": { property: "name", maxLength: 32 },
            "aws:lb/targetGroup:TargetGroup": { property: "name", maxLength: 32 },
        });
        assert.deepEqual(AWS_TYPES.filter(t => t.untagged).map(t => t.token).sort(), [
            "aws:autoscaling/group:Group", "aws:autoscaling/policy:Policy", "aws:autoscaling/schedule:Schedule", "aws:ec2/eipAssociation:EipAssociation",
            "aws:ec2/route:Route", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/volumeAttachment:VolumeAttachment",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        ]);
        assert.deepEqual(AWS_TYPES.filter(t => t.newComputedOnChange).map(t => [t.token, t.newComputedOnChange]), [
            ["aws:ec2/launchTemplate:LaunchTemplate", ["latestVersion", "defaultVersion"]],
        ]);
    });
});
