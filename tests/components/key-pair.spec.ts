import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { KeyPair } from "../../components/key-pair";
import { runInStack, promiseOf } from "../../offline/program";
import { ecdsaKey, ed25519Key, rsaKey } from "../../offline/ssh-keys";

const KP_URN = "urn:pulumi:test::ec2-server::ec2-server:keys:KeyPair::ssh";

describe("components/key-pair KeyPair", () => {
    it("generates an ED25519 key, registers its OpenSSH public key, and exposes the private key only as a secret", async () => {
        const { resources, result } = await runInStack(async () => {
            const k = new KeyPair("ssh", { namePrefix: "app-dev", tags: { Team: "platform" } });
            return {
                secret: await pulumi.isSecret(k.privateKeyPem!),
                pem: await promiseOf(k.privateKeyPem!),
                pub: await promiseOf(k.publicKeyOpenssh),
                keyName: await promiseOf(k.keyName),
                fingerprint: await promiseOf(k.fingerprint),
            };
        });
        const tlsKey = resources.find(r => r.type === "tls:index/privateKey:PrivateKey")!;
        assert.equal(tlsKey.name, "ssh-private-key");
        assert.equal(tlsKey.parent, KP_URN);
        assert.deepEqual(tlsKey.inputs, { algorithm: "ED25519" });
        // The provider marks the private key outputs secret in state.
        assert.deepEqual(tlsKey.options.additionalSecretOutputs.filter(k => k.startsWith("private")).sort(), ["privateKeyOpenssh", "privateKeyPem", "privateKeyPemPkcs8"]);
        const ec2Key = resources.find(r => r.type === "aws:ec2/keyPair:KeyPair")!;
        assert.equal(ec2Key.name, "ssh-key-pair");
        assert.equal(ec2Key.parent, KP_URN);
        assert.deepEqual(ec2Key.inputs, { publicKey: result.pub, tags: { Team: "platform", Name: "app-dev" } });
        assert.match(result.pub, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43}\n$/);

        assert.equal(result.secret, true);
        assert.match(result.pem, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END OPENSSH PRIVATE KEY-----\n$/);
        // The private key really belongs to the registered public key.
        assert.equal(result.pem, ed25519Key("ssh-private-key").privateKeyOpenssh);
        assert.equal(result.keyName, ec2Key.id);
        const blob = Buffer.from(result.pub.split(" ")[1], "base64");
        assert.equal(result.fingerprint, crypto.createHash("sha256").update(blob).digest("base64"));
    });

    it("generates RSA 4096 on request and hands out the PEM (PKCS#1) private key", async () => {
        const { resources, result } = await runInStack(async () => {
            const k = new KeyPair("ssh", { algorithm: "RSA" });
            return { pem: await promiseOf(k.privateKeyPem!), secret: await pulumi.isSecret(k.privateKeyPem!), pub: await promiseOf(k.publicKeyOpenssh) };
        });
        assert.deepEqual(resources.find(r => r.type === "tls:index/privateKey:PrivateKey")!.inputs, { algorithm: "RSA", rsaBits: 4096 });
        assert.equal(result.secret, true);
        assert.match(result.pem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
        const priv = crypto.createPrivateKey(result.pem);
        assert.equal(priv.asymmetricKeyDetails?.modulusLength, 4096);
        assert.match(result.pub, /^ssh-rsa AAAAB3NzaC1yc2E/);
    });

    it("imports a given OpenSSH public key and creates no private key", async () => {
        const pub = ed25519Key("laptop").publicKeyOpenssh.trim() + " me@laptop";
        const { resources, result } = await runInStack(async () => {
            const k = new KeyPair("ssh", { mode: "import", publicKey: pub });
            return { priv: k.privateKeyPem, name: await promiseOf(k.keyName) };
        });
        assert.deepEqual(resources.filter(r => r.custom).map(r => [r.type, r.inputs]), [["aws:ec2/keyPair:KeyPair", { publicKey: pub, tags: { Name: "ssh" } }]]);
        assert.equal(result.priv, undefined);
        assert.match(result.name, /^ssh-key-pair-[0-9a-f]{7}$/);
    });

    it("rejects conflicting arguments", async () => {
        await assert.rejects(runInStack(() => new KeyPair("ssh", { publicKey: "ssh-ed25519 AAAA" })), /Cannot specify both 'publicKey' and mode 'generate'/);
        await assert.rejects(runInStack(() => new KeyPair("ssh", { mode: "import" })), /mode 'import' requires 'publicKey'/);
        await assert.rejects(runInStack(() => new KeyPair("ssh", { mode: "import", publicKey: "ssh-rsa AAAA", algorithm: "RSA" })), /Cannot specify both 'algorithm' and mode 'import'/);
    });

    it("records the key type EC2 reports for an imported key: rsa or ed25519", async () => {
        const { resources } = await runInStack(async () => {
            new KeyPair("laptop", { mode: "import", publicKey: ed25519Key("laptop").publicKeyOpenssh });
            new KeyPair("legacy", { mode: "import", publicKey: rsaKey("legacy", 2048).publicKeyOpenssh });
        });
        const keys = resources.filter(r => r.type === "aws:ec2/keyPair:KeyPair").map(r => [r.name, r.state!.keyType]).sort();
        assert.deepEqual(keys, [["laptop-key-pair", "ed25519"], ["legacy-key-pair", "rsa"]]);
    });

    it("is rejected by the AWS model for ECDSA keys (EC2 ImportKeyPair takes only RSA and ED25519)", async () => {
        for (const publicKey of [ecdsaKey("laptop", "nistp256").publicKeyOpenssh, ecdsaKey("laptop", "nistp521").publicKeyOpenssh]) {
            await assert.rejects(runInStack(() => new KeyPair("ssh", { mode: "import", publicKey })),
                /aws:ec2\/keyPair:KeyPair ssh-key-pair: InvalidKey\.Format: Key is not in valid OpenSSH public key format/);
        }
    });

    it("is rejected by the AWS model when the public key is not OpenSSH (as EC2 rejects it)", async () => {
        await assert.rejects(runInStack(() => new KeyPair("ssh", { mode: "import", publicKey: "-----BEGIN PUBLIC KEY-----" })),
            /InvalidKey.Format: Key is not in valid OpenSSH public key format/);
    });
});
