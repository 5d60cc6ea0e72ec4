// offline/ssh-keys.ts: real SSH keys for the offline tls.PrivateKey (ed25519Key from a seed, rsaKey from a seed, cached,
// ecdsaKey for refusal tests) in the tls provider's formats, and ec2ImportedKeyFingerprint (the fingerprint EC2 reports for an imported key).
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { ec2ImportedKeyFingerprint, ecdsaKey, ed25519Key, rsaKey } from "../../offline/ssh-keys";

/** Reads the SSH wire format: uint32 lengths before strings. */
class Reader {
    private at = 0;
    constructor(private readonly buf: Buffer) {}
    uint32(): number {
        const n = this.buf.readUInt32BE(this.at);
        this.at += 4;
        return n;
    }
    bytes(): Buffer {
        const len = this.uint32();
        const b = this.buf.subarray(this.at, this.at + len);
        assert.equal(b.length, len, "a string runs past the end of its buffer");
        this.at += len;
        return b;
    }
    string(): string {
        return this.bytes().toString("latin1");
    }
    raw(n: number): Buffer {
        const b = this.buf.subarray(this.at, this.at + n);
        this.at += n;
        return b;
    }
    rest(): Buffer {
        return this.buf.subarray(this.at);
    }
}

/** The body of a PEM block with `label`, checking its armour and its line length (at most `width`). */
function pemBody(pem: string, label: string, width: number): Buffer {
    const lines = pem.split("\n");
    assert.equal(lines[0], `-----BEGIN ${label}-----`);
    assert.equal(lines.at(-2), `-----END ${label}-----`);
    assert.equal(lines.at(-1), "", "ends with a newline");
    const body = lines.slice(1, -2);
    for (const line of body) {
        assert.ok(line.length > 0 && line.length <= width, `a line of ${line.length} characters`);
    }
    return Buffer.from(body.join(""), "base64");
}

/** The parts of an unencrypted "openssh-key-v1" private key, after checking its container. */
function opensshPrivate(pem: string): { publicBlob: Buffer; type: string; fields: Reader; check: number } {
    const r = new Reader(pemBody(pem, "OPENSSH PRIVATE KEY", 70));
    assert.equal(r.raw(15).toString("latin1"), "openssh-key-v1\0");
    assert.equal(r.string(), "none", "cipher");
    assert.equal(r.string(), "none", "kdf");
    assert.equal(r.string(), "", "kdf options");
    assert.equal(r.uint32(), 1, "number of keys");
    const publicBlob = r.bytes();
    const section = r.bytes();
    assert.equal(r.rest().length, 0);
    assert.equal(section.length % 8, 0, "padded to the 8-byte block of cipher none");
    const s = new Reader(section);
    const check = s.uint32();
    assert.equal(s.uint32(), check, "both check integers are equal");
    return { publicBlob, type: s.string(), fields: s, check };
}

/** After a key's fields: the empty comment, then padding 1, 2, 3, ... */
function assertCommentAndPadding(fields: Reader): void {
    assert.equal(fields.string(), "", "comment");
    const padding = fields.rest();
    assert.ok(padding.length < 8);
    assert.deepEqual([...padding], Array.from({ length: padding.length }, (_, i) => i + 1));
}

const unsigned = (b: Buffer) => (b.length > 1 && b[0] === 0 ? b.subarray(1) : b);
const md5Colons = (data: Buffer) => crypto.createHash("md5").update(data).digest("hex").match(/../g)!.join(":");

describe("offline/ssh-keys", () => {
    describe("ed25519Key", () => {
        // Checked with OpenSSH: `ssh-keygen -y -f` reads privateKeyOpenssh back to this public key, and `ssh-keygen -l`
        // (and -E md5) prints these fingerprints.
        const PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICe9h6QtNAS3MImRlrhZ1r4cDakL3u33uUypcc8TAezm\n";

        it("is derived from its seed: the same key for the same seed, every run", () => {
            const key = ed25519Key("seed-1");
            assert.equal(key.algorithm, "ED25519");
            assert.equal(key.publicKeyOpenssh, PUBLIC);
            assert.equal(key.publicKeyFingerprintSha256, "SHA256:vSgyAKB1bDu4osnxxSYcmU/cIGHfBDzhsK4+s3EhcsY");
            assert.equal(key.publicKeyFingerprintMd5, "89:bb:6c:98:f1:0e:1a:34:7c:18:61:3d:94:26:b8:99");
            assert.deepEqual(ed25519Key("seed-1"), key);
            assert.notEqual(ed25519Key("seed-2").publicKeyOpenssh, PUBLIC);
        });

        it("the public key line is the type and the base64 of the wire-format blob", () => {
            const key = ed25519Key("seed-1");
            assert.equal(key.publicKeyOpenssh, `ssh-ed25519 ${key.publicBlob.toString("base64")}\n`);
            const r = new Reader(key.publicBlob);
            assert.equal(r.string(), "ssh-ed25519");
            const raw = r.bytes();
            assert.equal(raw.length, 32);
            assert.equal(r.rest().length, 0);
            // The same 32 bytes as the SPKI public key.
            const jwk = crypto.createPublicKey(key.publicKeyPem).export({ format: "jwk" });
            assert.equal(jwk.crv, "Ed25519");
            assert.deepEqual(Buffer.from(jwk.x!, "base64url"), raw);
        });

        it("the fingerprints are MD5 (colon hex) and unpadded base64 SHA-256 of the blob, as ssh-keygen -l prints them", () => {
            const key = ed25519Key("seed-3");
            assert.equal(key.publicKeyFingerprintMd5, md5Colons(key.publicBlob));
            assert.match(key.publicKeyFingerprintMd5, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
            assert.equal(key.publicKeyFingerprintSha256, `SHA256:${crypto.createHash("sha256").update(key.publicBlob).digest("base64").replace(/=+$/, "")}`);
            assert.doesNotMatch(key.publicKeyFingerprintSha256, /=/);
        });

        it("the PEM private key (PKCS#8) signs what the public key verifies", () => {
            const key = ed25519Key("seed-1");
            assert.equal(key.privateKeyPem, key.privateKeyPemPkcs8);
            pemBody(key.privateKeyPem, "PRIVATE KEY", 64);
            const message = Buffer.from("hello");
            const signature = crypto.sign(null, message, key.privateKeyPem);
            assert.equal(crypto.verify(null, message, key.publicKeyPem, signature), true);
            assert.equal(crypto.verify(null, message, ed25519Key("seed-2").publicKeyPem, signature), false);
        });

        it("the OpenSSH private key holds the same key: public blob, seed + public key, check integers from the seed", () => {
            const key = ed25519Key("seed-1");
            const { publicBlob, type, fields, check } = opensshPrivate(key.privateKeyOpenssh);
            assert.deepEqual(publicBlob, key.publicBlob);
            assert.equal(type, "ssh-ed25519");
            const raw = fields.bytes();
            const secret = fields.bytes();
            assert.deepEqual(raw, key.publicBlob.subarray(key.publicBlob.length - 32));
            assert.equal(secret.length, 64);
            assert.deepEqual(secret.subarray(32), raw);
            const d = Buffer.from(crypto.createPrivateKey(key.privateKeyPem).export({ format: "jwk" }).d!, "base64url");
            assert.deepEqual(secret.subarray(0, 32), d);
            assert.equal(check, d.readUInt32BE(0));
            assertCommentAndPadding(fields);
        });
    });

    describe("rsaKey", () => {
        const key = rsaKey("ssh-keys-spec", 2048);

        it("is derived from its seed and size, the same in every process (checked with OpenSSH: ssh-keygen -y reads the private key, ssh-keygen -l prints this fingerprint; openssl rsa -check accepts the PEM)", () => {
            const small = rsaKey("spec", 1024);
            assert.equal(small.publicKeyFingerprintSha256, "SHA256:5zd6PPpp+BvRellDr4Heef9LPp8F+CREWUy4l+2+Y+0");
            assert.equal(crypto.createPrivateKey(small.privateKeyPem).asymmetricKeyDetails?.modulusLength, 1024);
            assert.deepEqual(crypto.createPrivateKey(key.privateKeyPem).asymmetricKeyDetails, { modulusLength: 2048, publicExponent: 65537n });
        });

        it("has exactly the size asked for, whole bytes or not, as the tls provider's keys do", () => {
            for (const bits of [1000, 1023, 2047, 2049, 3000]) {
                assert.equal(crypto.createPrivateKey(rsaKey("sizes", bits).privateKeyPem).asymmetricKeyDetails?.modulusLength, bits, String(bits));
            }
        });

        it("is cached per seed and size for the life of the process", () => {
            assert.equal(rsaKey("ssh-keys-spec", 2048), key);
            assert.notEqual(rsaKey("ssh-keys-spec-2", 2048).publicKeyOpenssh, key.publicKeyOpenssh);
        });

        it("the blob is ssh-rsa, e and n as SSH mpints: e 65537, n of the key's size with the leading zero its high bit needs", () => {
            assert.equal(key.algorithm, "RSA");
            assert.equal(key.publicKeyOpenssh, `ssh-rsa ${key.publicBlob.toString("base64")}\n`);
            assert.ok(key.publicKeyOpenssh.startsWith("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB"));
            const r = new Reader(key.publicBlob);
            assert.equal(r.string(), "ssh-rsa");
            assert.deepEqual([...r.bytes()], [0x01, 0x00, 0x01]);
            const n = r.bytes();
            assert.equal(n.length, 257);
            assert.equal(n[0], 0);
            assert.ok(n[1] & 0x80);
            assert.equal(r.rest().length, 0);
            const jwk = crypto.createPublicKey(key.publicKeyPem).export({ format: "jwk" });
            assert.deepEqual(n.subarray(1), Buffer.from(jwk.n!, "base64url"));
        });

        it("the PEM private keys are PKCS#1 and PKCS#8 of one key, and sign what the public key verifies", () => {
            pemBody(key.privateKeyPem, "RSA PRIVATE KEY", 64);
            pemBody(key.privateKeyPemPkcs8, "PRIVATE KEY", 64);
            const a = crypto.createPrivateKey(key.privateKeyPem).export({ format: "jwk" });
            const b = crypto.createPrivateKey(key.privateKeyPemPkcs8).export({ format: "jwk" });
            assert.deepEqual(a, b);
            const signature = crypto.sign("sha256", Buffer.from("hello"), key.privateKeyPem);
            assert.equal(crypto.verify("sha256", Buffer.from("hello"), key.publicKeyPem, signature), true);
        });

        it("the OpenSSH private key holds n, e, d, iqmp, p, q of the same key", () => {
            const { publicBlob, type, fields } = opensshPrivate(key.privateKeyOpenssh);
            assert.deepEqual(publicBlob, key.publicBlob);
            assert.equal(type, "ssh-rsa");
            const jwk = crypto.createPrivateKey(key.privateKeyPem).export({ format: "jwk" });
            for (const name of ["n", "e", "d", "qi", "p", "q"] as const) {
                const mpint = fields.bytes();
                assert.ok(mpint[0] !== 0 || mpint[1] & 0x80, `${name} has no superfluous leading zero`);
                assert.deepEqual(unsigned(mpint), Buffer.from(jwk[name]!, "base64url"), name);
            }
            assertCommentAndPadding(fields);
        });

        it("the fingerprints are those of the blob, as for ED25519", () => {
            assert.equal(key.publicKeyFingerprintMd5, md5Colons(key.publicBlob));
            assert.equal(key.publicKeyFingerprintSha256, `SHA256:${crypto.createHash("sha256").update(key.publicBlob).digest("base64").replace(/=+$/, "")}`);
        });
    });

    describe("ecdsaKey", () => {
        const SIZES = { nistp256: ["P-256", 32], nistp384: ["P-384", 48], nistp521: ["P-521", 66] } as const;

        it("a valid public key of each curve: type, curve name, and an uncompressed point on that curve", () => {
            for (const [curve, [crv, size]] of Object.entries(SIZES)) {
                const key = ecdsaKey("spec", curve as keyof typeof SIZES);
                assert.equal(key.publicKeyOpenssh, `ecdsa-sha2-${curve} ${key.publicBlob.toString("base64")}\n`);
                const r = new Reader(key.publicBlob);
                assert.equal(r.string(), `ecdsa-sha2-${curve}`);
                assert.equal(r.string(), curve);
                const q = r.bytes();
                assert.equal(r.rest().length, 0);
                assert.equal(q.length, 1 + 2 * size, curve);
                assert.equal(q[0], 0x04, "uncompressed");
                // createPublicKey refuses a point that is not on the curve.
                const jwk = { kty: "EC", crv, x: q.subarray(1, 1 + size).toString("base64url"), y: q.subarray(1 + size).toString("base64url") };
                assert.equal(crypto.createPublicKey({ key: jwk, format: "jwk" }).asymmetricKeyDetails?.namedCurve, { "P-256": "prime256v1", "P-384": "secp384r1", "P-521": "secp521r1" }[crv]);
            }
        });

        it("is derived from its seed, nistp256 by default", () => {
            assert.deepEqual(ecdsaKey("spec"), ecdsaKey("spec", "nistp256"));
            assert.notDeepEqual(ecdsaKey("spec").publicBlob, ecdsaKey("other").publicBlob);
            // Checked with OpenSSH: `ssh-keygen -l` reads it as a 256-bit ECDSA key.
            assert.equal(ecdsaKey("s").publicKeyOpenssh,
                "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNp8LRh2aLpPuPiFx910lMW8k3kpVJK4GIZkycxNlmIVCEjEdHzl89oyYozdWlIHbwlNceYkwEpYyugojBV0jhY=\n");
        });
    });

    describe("ec2ImportedKeyFingerprint", () => {
        it("ED25519: the base64 SHA-256 of the blob (OpenSSH's SHA256 fingerprint, base64-padded)", () => {
            const key = ed25519Key("seed-1");
            assert.equal(ec2ImportedKeyFingerprint(key.publicKeyOpenssh), "vSgyAKB1bDu4osnxxSYcmU/cIGHfBDzhsK4+s3EhcsY=");
            assert.equal(ec2ImportedKeyFingerprint(`${key.publicKeyOpenssh.trim()} admin@laptop`), "vSgyAKB1bDu4osnxxSYcmU/cIGHfBDzhsK4+s3EhcsY=");
        });

        it("RSA: the MD5 of the DER public key, colon-separated, as the EC2 user guide's openssl recipe prints it (not ssh-keygen's MD5)", () => {
            const key = rsaKey("ssh-keys-spec", 2048);
            const der = crypto.createPublicKey(key.publicKeyPem).export({ format: "der", type: "spki" });
            const fingerprint = ec2ImportedKeyFingerprint(key.publicKeyOpenssh);
            assert.equal(fingerprint, md5Colons(der));
            assert.notEqual(fingerprint, key.publicKeyFingerprintMd5);
        });

        it("throws EC2's InvalidKey.Format error for a malformed line", () => {
            for (const line of ["", "ssh-ed25519", "ssh-ed25519 AAA=", `ssh-rsa ${ed25519Key("seed-1").publicBlob.toString("base64")}`, "ssh-rsa AAAAB3NzaC1yc2E="]) {
                assert.throws(() => ec2ImportedKeyFingerprint(line), { message: "InvalidKey.Format: Key is not in valid OpenSSH public key format" }, JSON.stringify(line));
            }
        });
    });
});
