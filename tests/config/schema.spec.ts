import * as assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import type * as v from "valibot";
import { AUTO_SCALING_DEFAULTS, CONFIG, DEFAULTS, KNOWN_KEYS, LOAD_BALANCER_DEFAULTS, NAT_GATEWAYS } from "../../config";
import { descriptionOf, keysOf, unwrap } from "../../config/fields";
import { AUTO_SCALING, DATA_VOLUME, EGRESS_RULE, INGRESS_RULE, LOAD_BALANCER, REFRESH, ROOT_VOLUME, SCHEDULE, SPOT, docType } from "../../config/schema";

const REPO = path.join(__dirname, "..", "..");

describe("config/schema", () => {
    it("is the contract's list of keys, in the order the docs and Pulumi.yaml follow", () => {
        assert.deepEqual(KNOWN_KEYS, [
            "instanceType", "instanceCount", "ami", "vpcCidr", "availabilityZones", "privateSubnets",
            "existingVpcId", "existingSubnetIds", "publicIp", "elasticIp", "sshCidrs", "ingress", "egress",
            "existingSecurityGroupIds", "keyPair", "keyAlgorithm", "publicKey", "ssm", "rootVolume", "dataVolumes",
            "userData", "userDataReplaceOnChange", "monitoring", "terminationProtection", "tags",
            "autoScaling", "loadBalancer", "natGateways",
        ]);
    });

    it("gives the defaults the program has always had", () => {
        assert.deepEqual(DEFAULTS, {
            instanceType: "t3.micro", instanceCount: 1, ami: "al2023", vpcCidr: "10.0.0.0/16", availabilityZones: 2, privateSubnets: false,
            publicIp: true, elasticIp: false, sshCidrs: [], keyPair: "generate", keyAlgorithm: "ED25519", ssm: true,
            userDataReplaceOnChange: false, monitoring: false, terminationProtection: false, natGateways: "none",
        });
        assert.deepEqual(AUTO_SCALING_DEFAULTS, { min: 1, cpuTarget: 50, healthCheckGracePeriod: 300, refresh: { minHealthyPercent: 90, autoRollback: true, skipMatching: true } });
        assert.deepEqual(LOAD_BALANCER_DEFAULTS, { httpPort: 80, httpsPort: 443, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false });
        assert.deepEqual(NAT_GATEWAYS, ["none", "single", "perAz"]);
    });

    it("types every key and field for the docs, and describes each", () => {
        const objects: [string, v.GenericSchema][] = [
            ["", CONFIG], ["rootVolume.", ROOT_VOLUME], ["dataVolumes[].", DATA_VOLUME], ["ingress[].", INGRESS_RULE], ["egress[].", EGRESS_RULE],
            ["autoScaling.", AUTO_SCALING], ["autoScaling.schedules[].", SCHEDULE], ["autoScaling.spot.", SPOT], ["autoScaling.refresh.", REFRESH],
            ["loadBalancer.", LOAD_BALANCER],
        ];
        const types = objects.flatMap(([prefix, schema]) => keysOf(schema).map(k => {
            const field = (unwrap(schema) as unknown as { entries: Record<string, v.GenericSchema> }).entries[k];
            assert.ok((descriptionOf(field) ?? "").length > 20, `${prefix}${k} needs a real description`);
            return `${prefix}${k}: ${docType(field)}`;
        }));
        assert.equal(types.length, 28 + 6 + 9 + 11 + 11 + 10 + 6 + 2 + 3 + 7);
        const some = ["sshCidrs", "egress", "tags", "autoScaling", "egress[].cidr", "autoScaling.max", "loadBalancer.sources", "rootVolume.type"];
        assert.deepEqual(types.filter(t => some.includes(t.split(": ")[0])), [
            "sshCidrs: list of strings", "egress: \"all\" or list of objects", "tags: map of strings", "autoScaling: object",
            "rootVolume.type: string", "egress[].cidr: string or list of strings", "autoScaling.max: integer", "loadBalancer.sources: list of strings",
        ]);
    });

    it("loads two modules of the SDK and none of the components: the offline plan checks a config before anything else starts", () => {
        // A process of its own: this one has loaded the SDK already.
        const script = `require("./config"); console.log(JSON.stringify(Object.keys(require.cache)));`;
        const r = childProcess.spawnSync(process.execPath, ["-r", "./offline/register.js", "-e", script], { cwd: REPO, encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        const loaded = (JSON.parse(r.stdout) as string[]).map(f => path.relative(REPO, f));
        assert.deepEqual(loaded.filter(f => /^node_modules\/@pulumi\/pulumi\/[^/]+\.js$/.test(f)), ["node_modules/@pulumi/pulumi/errors.js", "node_modules/@pulumi/pulumi/utils.js"]);
        assert.ok(loaded.includes("node_modules/@pulumi/pulumi/runtime/config.js"));
        assert.deepEqual(loaded.filter(f => f.startsWith("node_modules/@pulumi/aws/") || f.startsWith("node_modules/@pulumi/tls/") || f.startsWith("components/")), []);
    });
});


describe("Pulumi.yaml config declarations", () => {
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { type: string; default: unknown; description: string; items?: { type: string } }>;
    };

    it("declares exactly the keys that have defaults, with the program's defaults and types", () => {
        const declared = Object.fromEntries(Object.entries(project.config).map(([k, v]) => [k, v.default]));
        const expected = Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [`ec2-server:${k}`, v]));
        assert.deepEqual(declared, expected);
        for (const [key, decl] of Object.entries(project.config)) {
            const value = decl.default;
            const type = Array.isArray(value) ? "array" : typeof value === "number" ? "integer" : typeof value;
            assert.equal(decl.type, type, key);
            assert.ok(decl.description.length > 20, `${key} needs a real description`);
        }
    });

    it("declares only types the Pulumi project schema knows", () => {
        for (const decl of Object.values(project.config)) {
            assert.ok(["string", "boolean", "integer", "array"].includes(decl.type));
            if (decl.type === "array") {
                assert.deepEqual(decl.items, { type: "string" });
            }
        }
    });
});
