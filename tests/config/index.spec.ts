// config/index.ts (parseConfig: every key, every error at once, secrets redacted), and through it config/raw.ts (the
// top-level keys as the stack gives them), config/fields.ts (the schema's building blocks and its walk) and
// config/errors.ts (the report and ConfigError).
import * as util from "node:util";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, configFromKeys, formatErrors, KNOWN_KEYS, parseConfig, secretKeyTest } from "../../config";
import { ed25519Key } from "../../offline/ssh-keys";
import { AUTO_SCALING_CASES } from "./cases/auto-scaling";
import { FIREWALL_CASES } from "./cases/firewall";
import { KEY_CASES } from "./cases/keys";
import { LOAD_BALANCER_CASES } from "./cases/load-balancer";
import { NETWORK_CASES } from "./cases/network";
import { RULE_CASES } from "./cases/rules";
import { STORAGE_CASES } from "./cases/storage";
import { errorsOf, rejectsEach } from "./helpers";

/** Every bad-input table, each run by the spec of the file that reports its errors. */
const BAD = [...KEY_CASES, ...NETWORK_CASES, ...FIREWALL_CASES, ...STORAGE_CASES, ...AUTO_SCALING_CASES, ...LOAD_BALANCER_CASES, ...RULE_CASES];

describe("config parseConfig", () => {
    it(`has at least 40 bad-input cases (has ${BAD.length})`, () => {
        assert.ok(BAD.length >= 40);
    });

    rejectsEach(KEY_CASES);

    it("reports every bad key at once, in one message that names keys, values and what is allowed", () => {
        const raw = { instanceCount: "0", vpcCidr: "10.0.0.0/8", instancetype: "t3.micro", keyPair: "none", sshCidrs: '["0.0.0.0/0"]' };
        let error: ConfigError | undefined;
        try {
            parseConfig(raw);
        } catch (err) {
            error = err as ConfigError;
        }
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.errors, [
            "ec2-server:instancetype: got \"t3.micro\", expected one of the known keys: " + [...KNOWN_KEYS].sort().join(", ") + " (unknown key; did you mean \"instanceType\"?)",
            "ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
            "ec2-server:vpcCidr: got \"10.0.0.0/8\", expected an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)",
            "ec2-server:sshCidrs opens port 22 but ec2-server:keyPair is none, so nobody can log in over SSH; remove sshCidrs or set keyPair: generate",
        ]);
        assert.equal(error.message, formatErrors(error.errors));
        assert.equal(error.message.split("\n")[0], "Invalid ec2-server configuration (4 errors); nothing was created:");
        // The SDK's own RunError (config/errors.ts imports @pulumi/pulumi/errors, the module the SDK re-exports): the
        // language host prints its message without a stack trace.
        assert.ok(error instanceof pulumi.RunError);
        assert.equal(pulumi.RunError.isInstance(error), true);
        // How the SDK's cmd/run inspects it for its tracing span (colored): the report alone, not a stack to format.
        assert.equal(util.inspect(error, { colors: true }), `ConfigError: ${error.message}`);
    });

    it("configFromKeys reads the ec2-server keys of a stack's config (namespaced, as the CLI passes them) and which are secret", () => {
        const cfg = configFromKeys({ "aws:region": "ap-northeast-2", "ec2-server:instanceCount": "2", "ec2-server:userData": "#!/bin/bash\n" }, key => key === "ec2-server:userData");
        assert.equal(cfg.instanceCount, 2);
        assert.deepEqual(cfg.userData, { value: "#!/bin/bash\n", secret: true });
        assert.throws(() => configFromKeys({ "ec2-server:instanceCount": "0", "other:instanceCount": "0" }, () => false), (e: ConfigError) =>
            e instanceof ConfigError && e.errors.length === 1 && e.errors[0] === "ec2-server:instanceCount: got 0, expected an integer from 1 to 50");
    });

    it("tells secret keys with the runtime's isConfigSecret, and fails loudly when the SDK no longer has it", () => {
        assert.equal(typeof secretKeyTest(), "function");
        const test = secretKeyTest({ isConfigSecret: (key: string) => key === "ec2-server:userData" });
        assert.deepEqual([test("ec2-server:userData"), test("ec2-server:tags")], [true, false]);
        assert.throws(() => secretKeyTest({}), {
            message: "config/index.ts secretKeyTest: @pulumi/pulumi/runtime/config no longer exports isConfigSecret, which says which config keys are secret "
                + "(PULUMI_CONFIG_SECRET_KEYS); without it a secret value could be shown. Find where this SDK version keeps the secret keys and read them here.",
        });
    });

    it("never shows a secret value in an error", () => {
        assert.deepEqual(errorsOf({ userData: "x".repeat(16385) }, new Set(["userData"])), [
            "ec2-server:userData: got [secret], expected at most 16384 bytes (EC2's limit before base64)",
        ]);
        assert.deepEqual(errorsOf({ userdata: "password=hunter2" }, new Set(["userdata"]))[0].includes("hunter2"), false);
    });

    it("applies the documented defaults to an empty config", () => {
        assert.deepEqual(parseConfig({}), {
            instanceType: "t3.micro",
            instanceCount: 1,
            ami: { kind: "alias", alias: "al2023" },
            network: { kind: "new", vpcCidr: "10.0.0.0/16", availabilityZones: 2, privateSubnets: false },
            publicIp: true,
            elasticIp: false,
            firewall: { kind: "new", ingress: [], egress: "all" },
            keyPair: { kind: "generate", algorithm: "ED25519" },
            ssm: true,
            rootVolume: { sizeGiB: 8, type: "gp3", encrypted: true },
            dataVolumes: [],
            userData: undefined,
            userDataReplaceOnChange: false,
            monitoring: false,
            terminationProtection: false,
            tags: {},
            autoScaling: undefined,
            loadBalancer: undefined,
            natGateways: "none",
        });
    });

    it("parses an adopted network, existing groups, an imported key, storage and tags", () => {
        const pub = ed25519Key("config-test").publicKeyOpenssh.trim();
        const cfg = parseConfig({
            existingVpcId: "vpc-0e1d2c3b4a5968778",
            existingSubnetIds: '["subnet-0aa11bb22cc33dd44","subnet-0ee55ff66aa77bb88"]',
            existingSecurityGroupIds: '["sg-0123456789abcdef0"]',
            keyPair: "import",
            publicKey: `${pub} me@laptop`,
            rootVolume: '{"sizeGiB":30,"type":"io2","iops":5000,"kmsKeyId":"arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"}',
            dataVolumes: '[{"name":"data","sizeGiB":100,"deviceName":"/dev/sdf","throughput":250,"snapshotId":"snap-0123456789abcdef0"}]',
            userData: "#!/bin/bash\necho hi\n",
            userDataReplaceOnChange: "true",
            tags: '{"Team":"platform","CostCenter":"42"}',
        });
        assert.deepEqual(cfg.network, { kind: "existing", vpcId: "vpc-0e1d2c3b4a5968778", subnetIds: ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"] });
        assert.deepEqual(cfg.firewall, { kind: "existing", securityGroupIds: ["sg-0123456789abcdef0"] });
        assert.deepEqual(cfg.keyPair, { kind: "import", publicKey: `${pub} me@laptop` });
        assert.deepEqual(cfg.rootVolume, { sizeGiB: 30, type: "io2", encrypted: true, iops: 5000, kmsKeyId: "arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab" });
        assert.deepEqual(cfg.dataVolumes, [{ sizeGiB: 100, type: "gp3", encrypted: true, throughput: 250, name: "data", deviceName: "/dev/sdf", snapshotId: "snap-0123456789abcdef0" }]);
        assert.deepEqual(cfg.userData, { value: "#!/bin/bash\necho hi\n", secret: false });
        assert.deepEqual(cfg.tags, { Team: "platform", CostCenter: "42" });
    });

    it("reports every elastic-capacity problem at once, with the rest of the config", () => {
        assert.deepEqual(errorsOf({
            instanceCount: "0",
            natGateways: "single",
            loadBalancer: '{"port":0}',
            autoScaling: '{"max":0,"requestsPerTarget":10}',
            elasticIp: "true",
        }), [
            "ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
            "ec2-server:natGateways: single needs ec2-server:privateSubnets: true: NAT gateways give the private subnets a route out to the internet, and without privateSubnets there are none (the public subnets already route through the internet gateway); set privateSubnets: true or remove natGateways",
            "ec2-server:loadBalancer.port: got 0, expected an integer port from 1 to 65535",
            "ec2-server:autoScaling.max: got 0, expected an integer from min (1) to 100",
            "Cannot specify both ec2-server:autoScaling and ec2-server:elasticIp: true: a group's servers are disposable, so data and fixed addresses do not belong on them (the group launches and terminates servers on its own, and a new server would not get the address); reach the group through loadBalancer instead",
        ]);
    });
});
