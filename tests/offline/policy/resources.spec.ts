// offline/policy/resources.ts: what policy:check gives the pack, read from a stack export, a preview or a plan file.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { readJsonFile } from "../../../offline/input";
import { UNKNOWN_SENTINEL } from "../../../offline/plan/format";
import { decodeStateValue, detectFormat, loadResources, providerUrn } from "../../../offline/policy/resources";
import { EXPORT_URN, PROVIDER_URN } from "../../fixtures/urns";

const REPO = path.resolve(__dirname, "..", "..", "..");
const fixture = (n: string) => readJsonFile(path.join(REPO, "tests", "fixtures", n));

const URN = EXPORT_URN;
const DEFAULT_TAGS = '{"tags":{"Environment":"dev","Project":"ec2-server"}}';
const PROVIDER = {
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    urn: PROVIDER_URN,
    properties: {
        __internal: {},
        defaultTags: DEFAULT_TAGS,
        region: "ap-northeast-2",
        skipCredentialsValidation: "false",
        skipRegionValidation: "true",
        version: "7.48.0",
    },
};
describe("offline/policy/resources", () => {
    it("detects each fixture's format", async () => {
        assert.equal(detectFormat(fixture("stack-export.json")), "stack-export");
        assert.equal(detectFormat(fixture("preview.json")), "preview");
        assert.equal(detectFormat(fixture("plan-base.json")), "plan");
        assert.equal(detectFormat({ changeSummary: { same: 12 } }), "preview"); // a no-change preview has no steps
    });

    it("rejects other documents with exact messages", async () => {
        const expected =
            "cannot detect the input format: expected `pulumi stack export` output (version 3), `pulumi preview --json` output, or a plan file (version 1)";
        for (const doc of [null, [], "text", { resources: [] }, { version: 2, project: "p", resources: [] }]) {
            assert.throws(() => detectFormat(doc), { name: "InputError", message: expected });
        }
        assert.throws(() => detectFormat({ version: 4, deployment: {} }), { message: "unsupported stack export version 4 (expected 3)" });
    });

    it("stack export: custom resources only (no stack, components, providers or pending deletes), inputs with decoded secrets, provider attached", async () => {
        const { format, resources, notes } = loadResources(fixture("stack-export.json"));
        assert.equal(format, "stack-export");
        assert.deepEqual(notes, []);
        assert.deepEqual(
            resources.map((r) => [r.type, r.name]),
            [
                ["aws:ec2/vpc:Vpc", "network-vpc"],
                ["aws:ec2/securityGroup:SecurityGroup", "web-sg"],
                ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-in-tcp-22-0.0.0.0-0"],
                ["aws:ec2/instance:Instance", "server-0"],
            ],
        );
        assert.deepEqual(resources[2], {
            urn: URN.rule,
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name: "web-in-tcp-22-0.0.0.0-0",
            properties: {
                __defaults: [],
                cidrIpv4: "0.0.0.0/0",
                description: "SSH from anywhere",
                fromPort: 22,
                ipProtocol: "tcp",
                securityGroupId: "sg-0a1b2c3d4e5f60001",
                tags: { Name: "web-in-tcp-22-0.0.0.0-0", __defaults: [] },
                toPort: 22,
            },
            parent: URN.security,
            dependencies: [URN.sg],
            propertyDependencies: {
                cidrIpv4: [],
                description: [],
                fromPort: [],
                ipProtocol: [],
                securityGroupId: [URN.sg],
                tags: [],
                toPort: [],
            },
            options: { parent: URN.security },
            provider: PROVIDER,
        });
        const instance = resources[3];
        assert.equal(instance.properties.userData, UNKNOWN_SENTINEL); // ciphertext secret
        assert.deepEqual((instance.properties.rootBlockDevice as Record<string, unknown>).tags, { Name: "server-0", __defaults: [] }); // plaintext secret
        assert.deepEqual(instance.options, { ignoreChanges: ["ami"], parent: URN.compute });
        assert.deepEqual(instance.provider, PROVIDER);
    });

    it("preview: new states of kept steps, delete steps skipped, [secret] and unknowns passed as unknown", async () => {
        const { format, resources, notes } = loadResources(fixture("preview.json"));
        assert.equal(format, "preview");
        assert.deepEqual(notes, [
            "the preview lists only changed resources; run `pulumi preview --json --show-sames` to check every resource",
        ]);
        assert.deepEqual(
            resources.map((r) => [r.urn, r.provider?.urn, r.parent]),
            [
                [URN.vpc, PROVIDER_URN, URN.network],
                [URN.sg, PROVIDER_URN, URN.security],
                [URN.rule, PROVIDER_URN, URN.security],
                [URN.instance, PROVIDER_URN, URN.compute],
            ],
        );
        const instance = resources[3];
        assert.equal(instance.properties.userData, UNKNOWN_SENTINEL);
        assert.equal(instance.properties.subnetId, UNKNOWN_SENTINEL);
        assert.deepEqual(instance.properties.metadataOptions, {
            __defaults: [],
            httpEndpoint: "enabled",
            httpPutResponseHopLimit: 1,
            httpTokens: "required",
            instanceMetadataTags: "disabled",
        });
        assert.deepEqual(resources[2].propertyDependencies, { securityGroupId: [URN.sg] });
        assert.deepEqual(resources[2].provider?.properties, {
            defaultTags: DEFAULT_TAGS,
            region: "ap-northeast-2",
            skipCredentialsValidation: "false",
            skipRegionValidation: "true",
            version: "7.48.0",
        });
    });

    it("plan file written before plans recorded their providers: custom resources with their options; no provider, and a note saying so", async () => {
        const { format, resources, notes } = loadResources(fixture("plan-base.json"), "plan-base.json");
        assert.equal(format, "plan");
        assert.deepEqual(notes, ["plan-base.json records no provider configuration (written before plan files carried it), so policies cannot see aws:defaultTags; write the plan again"]);
        assert.deepEqual(
            resources.map((r) => r.name),
            [
                "network-vpc",
                "network-public-ap-northeast-2a",
                "web-sg",
                "web-in-tcp-22-203.0.113.10-32",
                "web-out-all-0.0.0.0-0",
                "ssh-private-key",
                "ssh-key",
                "server-0",
                "server-0-data",
                "server-0-data",
            ],
        );
        assert.deepEqual(resources[9].options, {
            protect: false,
            ignoreChanges: [],
            deleteBeforeReplace: true,
            additionalSecretOutputs: [],
            parent: URN.compute,
        });
        assert.equal(resources.every((r) => r.provider === undefined), true);
    });

    it("decodes state secrets and provider references", async () => {
        const sig = { [specialSigKey]: specialSecretSig };
        assert.deepEqual(
            decodeStateValue({ a: { ...sig, plaintext: '{"b":[1,"x"]}' }, c: [{ ...sig, ciphertext: "v1:abc" }], d: "plain" }),
            { a: { b: [1, "x"] }, c: [UNKNOWN_SENTINEL], d: "plain" },
        );
        assert.equal(providerUrn(`${PROVIDER_URN}::3f6c6b6e-6d5a-4b0f-9c52-8f1e2d3c4b5a`), PROVIDER_URN);
    });
});
