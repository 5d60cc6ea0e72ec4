// offline/plan/resources.ts: what a plan file says of each resource (secrets masked) and what the pack is asked about.
import * as assert from "node:assert/strict";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN_SENTINEL } from "../../../offline/plan/format";
import { maskOutputs, maskPaths, policyProvider } from "../../../offline/plan/resources";

describe("offline/plan/resources", () => {
    it("masks secret input paths", () => {
        assert.deepEqual(maskPaths({ userData: "x", tags: { a: "1", b: "2" }, list: [1, 2] }, ["userData", "tags.b", "list[1]"]),
            { userData: "[secret]", tags: { a: "1", b: "[secret]" }, list: [1, "[secret]"] });
        assert.deepEqual(maskPaths({ a: 1, b: { c: 2 } }, [""]), { a: "[secret]", b: "[secret]" });
    });

    it("masks every secret of the stack's outputs, wherever it is", () => {
        const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
        assert.deepEqual(maskOutputs({ key: secret("pem"), list: [1, secret(2)], plain: { a: "b" } }), { key: "[secret]", list: [1, "[secret]"], plain: { a: "b" } });
    });

    it("gives the policies the default provider's config, with what the stack holds encrypted unknown", () => {
        const provider = policyProvider("aws:ec2/vpc:Vpc", "dev", "ec2-server", { "aws:region": "ap-northeast-2", "aws:accessKey": "[secret]", "ec2-server:x": "y" });
        assert.deepEqual(provider, {
            type: "pulumi:providers:aws", name: "default", urn: "urn:pulumi:dev::ec2-server::pulumi:providers:aws::default",
            properties: { region: "ap-northeast-2", accessKey: UNKNOWN_SENTINEL },
        });
    });
});
