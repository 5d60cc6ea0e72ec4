// offline/state.ts: a stack's state as `pulumi stack export` writes it, read and written offline, with no secret in it.
import * as assert from "node:assert/strict";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import {
    containsOpaqueSecret, decodePlaintextSecrets, envelopePaths, isStateSecret, parseStackExport, providerConfig, secretEnvelope,
} from "../../offline/state";
import { byName, firstPlan, stackOf, stateOf } from "./day2";

describe("offline/state", () => {
    it("writes no secret: the private key and secret user data are envelopes with ciphertext \"[secret]\"", async () => {
        const s = stackOf("dev", { "ec2-server:userData": "#!/bin/bash\nexport TOKEN=s3cr3t\n" }, ["ec2-server:userData"]);
        const run = await firstPlan(s);
        const text = JSON.stringify(stateOf(s, run, true));
        assert.doesNotMatch(text, /PRIVATE KEY/);
        assert.doesNotMatch(text, /s3cr3t/);
        const state = stateOf(s, run, true);
        const key = byName(state, "tls:index/privateKey:PrivateKey", "ssh-private-key");
        assert.deepEqual(key.outputs.privateKeyPem, secretEnvelope());
        assert.deepEqual(key.outputs.privateKeyOpenssh, secretEnvelope());
        assert.deepEqual(byName(state, "aws:ec2/instance:Instance", "server-0").inputs.userData, secretEnvelope());
        assert.equal(typeof key.outputs.publicKeyOpenssh, "string");
    });

    it("reads a stack export: pending deletes and external resources left out, every problem at once", () => {
        const urn = (name: string) => `urn:pulumi:dev::ec2-server::aws:ec2/vpc:Vpc::${name}`;
        const doc = {
            version: 3,
            deployment: {
                resources: [
                    { urn: urn("a"), type: "aws:ec2/vpc:Vpc", custom: true, id: "vpc-1", inputs: {}, outputs: {} },
                    { urn: urn("b"), type: "aws:ec2/vpc:Vpc", custom: true, id: "vpc-2", delete: true },
                    { urn: urn("c"), type: "aws:ec2/vpc:Vpc", custom: true, id: "vpc-3", external: true },
                ],
            },
        };
        assert.deepEqual(parseStackExport(doc, "s.json").resources.map(r => r.urn), [urn("a")]);
        assert.throws(() => parseStackExport({ version: 3, deployment: { resources: [{ urn: urn("x"), type: "aws:ec2/vpc:Vpc", custom: true }, { type: "t" }] } }, "s.json"),
            { message: `s.json is not a valid stack export:\n  - deployment.resources[0] (${urn("x")}) is a custom resource without an id\n  - deployment.resources[1] has no urn or type` });
        assert.throws(() => parseStackExport({ version: 2 }, "s.json"), /is not a `pulumi stack export` document/);
    });

    it("secrets: plaintext ones are decoded, encrypted ones kept and known to be opaque; paths become the envelope", () => {
        const sig = { [specialSigKey]: specialSecretSig };
        assert.deepEqual(decodePlaintextSecrets({ a: { ...sig, plaintext: '"x"' }, b: [{ ...sig, ciphertext: "v1" }] }), { a: "x", b: [{ ...sig, ciphertext: "v1" }] });
        assert.equal(isStateSecret({ ...sig, ciphertext: "v1" }), true);
        assert.equal(containsOpaqueSecret({ a: [{ ...sig, ciphertext: "v1" }] }), true);
        assert.equal(containsOpaqueSecret({ a: { ...sig, plaintext: '"x"' } }), false);
        assert.deepEqual(envelopePaths({ userData: "s", tags: { a: "b" }, list: ["p", "q"] }, ["userData", "list[1]"]), { userData: secretEnvelope(), tags: { a: "b" }, list: ["p", secretEnvelope()] });
    });

    it("the default providers' configuration, as config keys", () => {
        const provider = { urn: "urn:pulumi:dev::ec2-server::pulumi:providers:aws::default_7_48_0", type: "pulumi:providers:aws", id: "p", custom: true, inputs: { region: "ap-northeast-2", version: "7.48.0", defaultTags: { tags: { a: "b" } } }, outputs: {} };
        assert.deepEqual(providerConfig(parseStackExport({ version: 3, deployment: { resources: [provider] } })), { "aws:region": "ap-northeast-2", "aws:defaultTags": '{"tags":{"a":"b"}}' });
    });
});
