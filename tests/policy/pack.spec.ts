// The policy pack as the Pulumi CLI runs it: a child process started through the SDK's run-policy-pack,
// driven over the Analyzer gRPC protocol. One pack process serves the whole file.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { policies } from "../../policy/policies";
import { T } from "../../policy/lib/types";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { hasMandatory, PolicyDiagnostic } from "../../offline/policy/analyzer";
import { loadPolicyConfig } from "../../offline/policy/config";
import { EXPECTED_POLICIES, UNKNOWN } from "./helpers";
import { instance, provider, resource, sshFromInternet } from "./pack-resources";

const PACK_VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy", "package.json"), "utf8")) as { version: string }).version;
const STRICT = path.join(__dirname, "..", "..", "policy", "config", "strict.json");

const description = (name: string) => {
    const policy = policies.find(p => p.name === name);
    assert.ok(policy, name);
    return policy.description;
};

/** A diagnostic as the SDK builds it: the message is the policy's description, a newline, the violation. */
const diag = (policyName: string, enforcementLevel: PolicyDiagnostic["enforcementLevel"], violation: string, urn: string): PolicyDiagnostic => ({
    policyName,
    policyPackName: "ec2-server",
    policyPackVersion: PACK_VERSION,
    description: description(policyName),
    message: `${description(policyName)}\n${violation}`,
    enforcementLevel,
    urn,
});

const processGone = (pid: number | undefined): boolean => {
    assert.ok(pid !== undefined);
    try {
        process.kill(pid, 0);
        return false;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "ESRCH";
    }
};

describe("policy pack over gRPC (as the Pulumi CLI runs it)", () => {
    let pack: PolicyPackProcess | undefined;

    before(async () => {
        pack = await PolicyPackProcess.start();
    });

    after(async () => {
        const pid = pack?.pid;
        await pack?.close();
        assert.equal(processGone(pid), true, "the pack process is gone after close()");
    });

    const running = (): PolicyPackProcess => {
        assert.ok(pack, "the pack started");
        return pack;
    };

    it("unref(): the pack and its two output pipes no longer keep this process alive, and the pack still answers", async () => {
        // What keeps the event loop alive, by kind (a child process is a ProcessWrap, its stdout and stderr PipeWraps).
        const alive = () => {
            const kinds = process.getActiveResourcesInfo();
            return { processes: kinds.filter(k => k === "ProcessWrap").length, pipes: kinds.filter(k => k === "PipeWrap").length };
        };
        const before = alive();
        assert.ok(before.processes >= 1 && before.pipes >= 2, JSON.stringify(before));
        assert.equal(running().unref(), running());
        assert.deepEqual(alive(), { processes: before.processes - 1, pipes: before.pipes - 2 });
        assert.equal((await running().getAnalyzerInfo()).name, "ec2-server");
    });

    it("prints a port and answers GetAnalyzerInfo with every policy, its level and config schema", async () => {
        const info = await running().getAnalyzerInfo();
        assert.ok(running().port > 0);
        assert.equal(info.name, "ec2-server");
        assert.equal(info.version, PACK_VERSION);
        assert.deepEqual(info.policies.map(p => ({ name: p.name, enforcementLevel: p.enforcementLevel })), EXPECTED_POLICIES);
        assert.deepEqual(
            info.policies.map(p => ({ name: p.name, description: p.description, configSchema: p.configSchema })),
            policies.map(p => ({
                name: p.name,
                description: p.description,
                configSchema: p.configSchema === undefined ? undefined : { properties: p.configSchema.properties },
            })),
        );
        assert.deepEqual(
            info.policies.filter(p => p.configSchema).map(p => [p.name, Object.keys(p.configSchema?.properties ?? {})]),
            [
                ["ec2-no-risky-ports-from-internet", ["ports"]],
                ["ec2-allowed-instance-types", ["allowedInstanceTypes"]],
                ["required-tags", ["requiredTags"]],
            ],
        );
    });

    it("Analyze reports a SecurityGroupIngressRule tcp 22 from 0.0.0.0/0 (default config)", async () => {
        assert.deepEqual(await running().configure({}), Object.fromEntries(EXPECTED_POLICIES.map(p => [p.name, p.enforcementLevel])));
        const diagnostics = await running().analyze(sshFromInternet);
        assert.deepEqual(diagnostics, [
            diag(
                "ec2-no-ssh-from-internet",
                "mandatory",
                'This rule (protocol "tcp", ports 22, from 0.0.0.0/0) opens SSH (TCP 22) to the internet. Allow SSH only from trusted CIDRs ' +
                    "(a VPN or an office /32), or use SSM Session Manager, which needs no inbound port.",
                sshFromInternet.urn,
            ),
            diag(
                "ec2-no-risky-ports-from-internet",
                "advisory",
                'This rule (protocol "tcp", ports 22, from 0.0.0.0/0) opens high-risk port 22 to the internet. ' +
                    "Restrict the source to trusted CIDRs, or put the service behind a load balancer or a VPN.",
                sshFromInternet.urn,
            ),
        ]);
        assert.equal(hasMandatory(diagnostics), true);
    });

    it("Analyze passes preview unknowns through the engine's sentinel: unknown CIDR is not reported, unknown httpTokens is", async () => {
        await running().configure({});
        assert.deepEqual(await running().analyze({ ...sshFromInternet, properties: { ...sshFromInternet.properties, cidrIpv4: UNKNOWN } }), []);
        const server = instance({ metadataOptions: { httpTokens: UNKNOWN } });
        assert.deepEqual(await running().analyze(server), [
            diag(
                "ec2-imdsv2-required",
                "mandatory",
                "metadataOptions.httpTokens is unknown during preview, so IMDSv1 may stay enabled. " +
                    'Set metadataOptions: { httpTokens: "required" } (or httpEndpoint: "disabled" if nothing on the instance reads instance metadata).',
                server.urn,
            ),
        ]);
    });

    it("Configure with policy/config/strict.json raises levels and applies the allow-list and required tags", async () => {
        const levels = await running().configure(loadPolicyConfig(STRICT));
        assert.deepEqual(levels, {
            ...Object.fromEntries(EXPECTED_POLICIES.map(p => [p.name, p.enforcementLevel])),
            "ec2-no-risky-ports-from-internet": "mandatory",
            "vpc-default-security-group-closed": "mandatory",
            "ec2-no-public-ip": "mandatory",
            "vpc-subnet-no-auto-public-ip": "mandatory",
            "required-tags": "mandatory",
            "autoscaling-group-elb-health-check": "mandatory",
            "alb-http-redirects-to-https": "mandatory",
        });

        const publicServer = instance({ associatePublicIpAddress: true });
        assert.deepEqual(await running().analyze(publicServer), [
            diag(
                "ec2-no-public-ip",
                "mandatory",
                "associatePublicIpAddress is true, so the instance gets a public IPv4 address. Set it to false. " +
                    "Reach the instance through SSM Session Manager, a load balancer or a NAT gateway instead.",
                publicServer.urn,
            ),
        ]);

        const bigServer = instance({ instanceType: "m5.24xlarge" });
        assert.deepEqual(await running().analyze(bigServer), [
            diag(
                "ec2-allowed-instance-types",
                "mandatory",
                'instanceType "m5.24xlarge" is not in the allow-list (t3.*, t4g.*, m7i.*, m7g.*). ' +
                    "Choose an allowed type, or add this one to the policy's allowedInstanceTypes config.",
                bigServer.urn,
            ),
        ]);
        assert.deepEqual(await running().analyze(instance({ instanceType: "m7g.large" })), []);

        const untagged = { ...instance({}), provider: { ...provider, properties: { region: "ap-northeast-2" } }, properties: { ...instance({}).properties, tags: { Name: "web" } } };
        assert.deepEqual(await running().analyze(untagged), [
            diag(
                "required-tags",
                "mandatory",
                "Required tags missing: Environment. Set them in this resource's tags, or in the AWS provider's defaultTags " +
                    "(aws:defaultTags in the stack config) to tag every resource at once.",
                untagged.urn,
            ),
        ]);
    });

    it("Configure: \"all\" overrides every level, and a per-policy level wins over \"all\"", async () => {
        const levels = await running().configure({ "all": "disabled", "ec2-no-ssh-from-internet": "advisory" });
        assert.deepEqual(levels, { ...Object.fromEntries(EXPECTED_POLICIES.map(p => [p.name, "disabled"])), "ec2-no-ssh-from-internet": "advisory" });
        const diagnostics = await running().analyze(sshFromInternet);
        assert.deepEqual(diagnostics.map(d => [d.policyName, d.enforcementLevel]), [["ec2-no-ssh-from-internet", "advisory"]]);
        assert.equal(hasMandatory(diagnostics), false);
    });

    it("Configure rejects config that does not match a policy's schema, naming the policy", async () => {
        await assert.rejects(
            running().configure({ "ec2-allowed-instance-types": { allowedInstanceTypes: "t3.*" }, "ec2-no-risky-ports-from-internet": { ports: [22, 70000] } }),
            {
                message:
                    "Invalid policy pack config:\n" +
                    "  ec2-no-risky-ports-from-internet: ports.1: Must be less than or equal to 65535\n" +
                    "  ec2-allowed-instance-types: allowedInstanceTypes: Invalid type. Expected: array, given: string",
            },
        );
        await assert.rejects(running().configure({ "ec2-no-public-ip": "blocking" }), {
            message: 'policy config: parsing enforcement level for "ec2-no-public-ip": "blocking" is not a valid enforcement level',
        });
    });

    it("AnalyzeStack reports a group with inline rules that standalone rules also target (matched in preview by propertyDependencies)", async () => {
        await running().configure({});
        const group = resource(T.SecurityGroup, "web", {
            id: UNKNOWN,
            vpcId: "vpc-1",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" }],
            egress: [],
        });
        const rule = resource(T.SecurityGroupIngressRule, "ssh-vpn", {
            securityGroupId: UNKNOWN,
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: "10.0.0.0/8",
            description: "SSH from the VPN",
        }, { dependencies: [group.urn], propertyDependencies: { securityGroupId: [group.urn] } });
        assert.deepEqual(await running().analyzeStack([group, rule]), [
            diag(
                "sg-no-mixed-inline-and-standalone-rules",
                "mandatory",
                'This security group declares inline rules (ingress[0] (protocol "tcp", ports 443, from 0.0.0.0/0)) and is also the target of ' +
                    `standalone rules: ssh-vpn (${T.SecurityGroupIngressRule}). Each side removes the other's rules on every update. ` +
                    "Keep one style: move the inline entries into aws.vpc.SecurityGroupIngressRule/SecurityGroupEgressRule resources and remove ingress/egress from the group.",
                group.urn,
            ),
        ]);
        assert.deepEqual(await running().analyzeStack([{ ...group, properties: { ...group.properties, ingress: [] } }, rule]), []);
    });

    it("Analyze: user data the CLI sends as a secret arrives in plaintext (the SDK strips the marker); the violation never echoes it", async () => {
        await running().configure({});
        const keyId = "AKIA" + "IOSFODNN7EXAMPLE";
        const server = instance({ userData: { [specialSigKey]: specialSecretSig, value: `#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${keyId}\n` } });
        const diagnostics = await running().analyze(server);
        assert.deepEqual(diagnostics, [
            diag(
                "ec2-no-secrets-in-user-data",
                "mandatory",
                "userData contains an AWS access key ID (line 2). User data is not secret: whoever can describe the instance or template, " +
                    "and every process on the instance (through the instance metadata service), can read it. Remove the secret and rotate it; " +
                    "give the instance an IAM role for AWS access, and fetch other secrets at boot from SSM Parameter Store or Secrets Manager.",
                server.urn,
            ),
        ]);
        assert.equal(JSON.stringify(diagnostics).includes(keyId), false);
        assert.deepEqual(await running().analyze(instance({ userData: UNKNOWN })), []);
    });

    it("AnalyzeStack runs the Auto Scaling stack policies: one zone, and an attachment matched in preview by propertyDependencies", async () => {
        await running().configure({});
        const subnet = resource(T.Subnet, "private-a", { id: "subnet-a", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "ap-northeast-2a" });
        const group = resource(T.AutoScalingGroup, "web", {
            name: UNKNOWN,
            minSize: 2,
            maxSize: 4,
            vpcZoneIdentifiers: ["subnet-a"],
            launchTemplate: { id: UNKNOWN, version: UNKNOWN },
            healthCheckType: "EC2",
            tags: [{ key: "Name", value: "web", propagateAtLaunch: true }],
        });
        const attachment = resource(T.AutoScalingAttachment, "web-tg", { autoscalingGroupName: UNKNOWN, lbTargetGroupArn: UNKNOWN }, {
            dependencies: [group.urn],
            propertyDependencies: { autoscalingGroupName: [group.urn] },
        });
        assert.deepEqual(await running().analyzeStack([subnet, group, attachment]), [
            diag(
                "autoscaling-group-multi-az",
                "mandatory",
                "vpcZoneIdentifiers lists a single subnet (subnet-a in ap-northeast-2a), so the group runs in one Availability Zone. " +
                    "A zone outage then stops every instance of the group (AWS Security Hub AutoScaling.2). " +
                    "Add a subnet in a second Availability Zone to vpcZoneIdentifiers.",
                group.urn,
            ),
            diag(
                "autoscaling-group-elb-health-check",
                "advisory",
                `This group is attached to a load balancer (web-tg (${T.AutoScalingAttachment})) but healthCheckType is "EC2", so it ` +
                    "replaces only instances that fail EC2 status checks and keeps those the load balancer finds unhealthy. " +
                    'Set healthCheckType: "ELB", with a healthCheckGracePeriod long enough for an instance to boot.',
                group.urn,
            ),
        ]);
    });
});
