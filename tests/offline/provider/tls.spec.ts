import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { SimTls } from "../../../offline/provider/tls";

const URN = "urn:pulumi:dev::ec2-server::ec2-server:keys:KeyPair$tls:index/privateKey:PrivateKey::ssh-private-key";

describe("offline/provider/tls (the simulated TLS provider)", () => {
    it("generates a real, random key each time; the private forms are for the SDK to mark secret (additionalSecretOutputs)", () => {
        const p = new SimTls("5.6.1");
        const a = p.create(URN, { algorithm: "ED25519", __defaults: [] }, false);
        const b = p.create(URN, { algorithm: "ED25519" }, false);
        assert.notEqual(a.outputs.privateKeyOpenssh, b.outputs.privateKeyOpenssh);
        assert.match(String(a.outputs.privateKeyOpenssh), /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
        assert.match(String(a.outputs.publicKeyOpenssh), /^ssh-ed25519 [A-Za-z0-9+/=]+\n$/);
        const pem = crypto.createPrivateKey(String(a.outputs.privateKeyPem));
        assert.equal(pem.asymmetricKeyType, "ed25519");
        assert.equal("__defaults" in a.outputs, false);
        assert.equal(p.create(URN, { algorithm: "RSA", rsaBits: 2048 }, false).outputs.rsaBits, 2048);
    });

    it("checks the algorithm, replaces on every argument, has no update", () => {
        const p = new SimTls("5.6.1");
        assert.deepEqual(p.check(URN, {}, { algorithm: "DSA" }).failures, [{ property: "algorithm", reason: 'algorithm: value must be one of: ["RSA" "ECDSA" "ED25519"], got "DSA"' }]);
        const diff = p.diff(URN, "id", { algorithm: "ED25519" }, { algorithm: "RSA", rsaBits: 4096 }, { algorithm: "ED25519" }, []);
        assert.deepEqual(diff.changes.map(c => [c.path, c.replaces]), [["algorithm", true], ["rsaBits", true]]);
        assert.throws(() => p.update(URN), { message: "tls:index/privateKey:PrivateKey has no in-place update: every argument replaces it" });
    });
});
