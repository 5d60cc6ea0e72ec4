// lib/openssh.ts: OpenSSH public key lines as EC2 ImportKeyPair reads them, shared by the config check
// (config/parsers.ts, tests/config/cases/keys.ts) and the AWS model's key pair (offline/ssh-keys.ts).
import * as assert from "node:assert/strict";
import { parseOpenSshPublicKey, rsaPublicKey, sshStrings } from "../../lib/openssh";
import { ecdsaKey, ed25519Key, rsaKey, sshString } from "../../offline/ssh-keys";

describe("lib/openssh", () => {
    describe("parseOpenSshPublicKey", () => {
        const ed = ed25519Key("seed-1");

        it("the type and blob of a key line, with or without a comment and surrounding white space", () => {
            assert.deepEqual(parseOpenSshPublicKey(ed.publicKeyOpenssh), { type: "ssh-ed25519", blob: ed.publicBlob });
            assert.deepEqual(parseOpenSshPublicKey(`  ${ed.publicKeyOpenssh.trim()}\tadmin@laptop extra words\n`), { type: "ssh-ed25519", blob: ed.publicBlob });
            const rsa = rsaKey("ssh-keys-spec", 2048);
            assert.deepEqual(parseOpenSshPublicKey(rsa.publicKeyOpenssh), { type: "ssh-rsa", blob: rsa.publicBlob });
        });

        it("parses any well-formed type; refusing ECDSA is the caller's business", () => {
            const ec = ecdsaKey("spec");
            assert.deepEqual(parseOpenSshPublicKey(ec.publicKeyOpenssh), { type: "ecdsa-sha2-nistp256", blob: ec.publicBlob });
        });

        it("undefined for what EC2 rejects as malformed", () => {
            const b64 = ed.publicBlob.toString("base64");
            const truncated = Buffer.concat([Buffer.from([0, 0, 0, 40]), Buffer.from("ssh-ed25519")]).toString("base64");
            for (const line of [
                "", "   ", "ssh-ed25519", b64,
                `ssh-rsa ${b64}`,
                `ssh-ed25519 ${b64.slice(0, 10)}!${b64.slice(10)}`,
                "ssh-ed25519 AAA=",
                `ssh-ed25519 ${truncated}`,
                `ssh-ed25519 ${b64}===`,
                ed.publicKeyPem,
            ]) {
                assert.equal(parseOpenSshPublicKey(line), undefined, JSON.stringify(line));
            }
        });
    });

    describe("the key data, field by field", () => {
        const ssh = (...fields: (string | Buffer)[]) => Buffer.concat(fields.map(sshString));
        const line = (type: string, blob: Buffer) => `${type} ${blob.toString("base64")}`;

        it("sshStrings splits whole SSH strings and refuses a cut one", () => {
            assert.deepEqual(sshStrings(ssh("a", "bc")), [Buffer.from("a"), Buffer.from("bc")]);
            assert.deepEqual(sshStrings(Buffer.alloc(0)), []);
            assert.equal(sshStrings(Buffer.concat([ssh("a"), Buffer.from([0, 0])])), undefined, "a length cut short");
            assert.equal(sshStrings(Buffer.concat([ssh("a"), Buffer.from([0, 0, 0, 9, 1])])), undefined, "a body cut short");
        });

        it("an RSA key needs its exponent and modulus, and they must form a key", () => {
            const rsa = rsaKey("ssh-keys-spec", 2048);
            const [, e, n] = sshStrings(rsa.publicBlob)!;
            assert.ok(rsaPublicKey(e, n));
            assert.equal(parseOpenSshPublicKey("ssh-rsa AAAAB3NzaC1yc2E="), undefined, "the type alone");
            assert.equal(parseOpenSshPublicKey(line("ssh-rsa", ssh("ssh-rsa", e))), undefined, "no modulus");
            assert.equal(parseOpenSshPublicKey(line("ssh-rsa", ssh("ssh-rsa", e, n, "x"))), undefined, "a field too many");
            assert.equal(parseOpenSshPublicKey(line("ssh-rsa", ssh("ssh-rsa", e, Buffer.alloc(0)))), undefined, "an empty modulus");
            assert.equal(parseOpenSshPublicKey(line("ssh-rsa", Buffer.concat([rsa.publicBlob, Buffer.from([0])]))), undefined, "a byte after the key");
        });

        it("an ED25519 key is exactly 32 bytes (RFC 8709)", () => {
            const key = sshStrings(ed25519Key("seed-1").publicBlob)![1];
            assert.equal(key.length, 32);
            assert.equal(parseOpenSshPublicKey(line("ssh-ed25519", ssh("ssh-ed25519", key.subarray(1)))), undefined);
            assert.equal(parseOpenSshPublicKey(line("ssh-ed25519", ssh("ssh-ed25519", key, "x"))), undefined);
            assert.deepEqual(parseOpenSshPublicKey(line("ssh-ed25519", ssh("ssh-ed25519", key))), { type: "ssh-ed25519", blob: ssh("ssh-ed25519", key) });
        });
    });
});
