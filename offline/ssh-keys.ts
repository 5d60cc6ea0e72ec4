/**
 * Real SSH keys for the AWS model's `tls.PrivateKey`, built with node:crypto in the formats the tls provider
 * returns: OpenSSH public keys, OpenSSH ("openssh-key-v1") and PEM private keys, and fingerprints.
 * ED25519 keys are derived from a seed, so a plan of the same program is the same every run.
 */
import * as crypto from "node:crypto";
import { parseOpenSshPublicKey, rsaPublicKey, sshStrings } from "../lib/openssh";

/** An SSH string (RFC 4253 section 5): a 4-byte big-endian length, then the bytes. */
export function sshString(data: Buffer | string): Buffer {
    const body = typeof data === "string" ? Buffer.from(data, "latin1") : data;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, body]);
}

/** SSH mpint: big-endian, with a leading zero byte when the high bit is set. */
function sshMpint(b64url: string): Buffer {
    let bytes = Buffer.from(b64url, "base64url");
    while (bytes.length > 1 && bytes[0] === 0) {
        bytes = bytes.subarray(1);
    }
    return sshString(bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function uint32(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
}

function pem(label: string, der: Buffer): string {
    const lines = der.toString("base64").match(/.{1,70}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** The "openssh-key-v1" container, unencrypted, as `ssh-keygen` and the tls provider write it. */
function opensshPrivateKey(publicBlob: Buffer, privateFields: Buffer[], check: number): string {
    let section = Buffer.concat([uint32(check), uint32(check), ...privateFields, sshString("")]);
    const pad = (8 - (section.length % 8)) % 8;
    section = Buffer.concat([section, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
    const body = Buffer.concat([
        Buffer.from("openssh-key-v1\0", "latin1"),
        sshString("none"), sshString("none"), sshString(""),
        uint32(1), sshString(publicBlob), sshString(section),
    ]);
    return pem("OPENSSH PRIVATE KEY", body);
}

export interface GeneratedKey {
    algorithm: "ED25519" | "RSA";
    publicKeyOpenssh: string;
    publicKeyPem: string;
    privateKeyOpenssh: string;
    privateKeyPem: string;
    privateKeyPemPkcs8: string;
    publicKeyFingerprintMd5: string;
    publicKeyFingerprintSha256: string;
    /** The SSH wire-format public key blob. */
    publicBlob: Buffer;
}

function fingerprints(blob: Buffer) {
    return {
        publicKeyFingerprintMd5: crypto.createHash("md5").update(blob).digest("hex").match(/../g)!.join(":"),
        publicKeyFingerprintSha256: `SHA256:${crypto.createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
    };
}

/** A real ED25519 key derived from `seed` (any string). */
export function ed25519Key(seed: string): GeneratedKey {
    const secret = crypto.createHash("sha256").update(`ed25519:${seed}`).digest();
    const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), secret]);
    const privateKey = crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
    const publicKey = crypto.createPublicKey(privateKey);
    const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
    const blob = Buffer.concat([sshString("ssh-ed25519"), sshString(raw)]);
    const check = secret.readUInt32BE(0);
    return {
        algorithm: "ED25519",
        publicKeyOpenssh: `ssh-ed25519 ${blob.toString("base64")}\n`,
        publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
        privateKeyOpenssh: opensshPrivateKey(blob, [sshString("ssh-ed25519"), sshString(raw), sshString(Buffer.concat([secret, raw]))], check),
        privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        privateKeyPemPkcs8: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        ...fingerprints(blob),
        publicBlob: blob,
    };
}

const rsaCache = new Map<string, GeneratedKey>();

/** `length` bytes from SHA-256 in counter mode over `label`: the same bytes for the same label, every run. */
function seededBytes(label: string, length: number): Buffer {
    const blocks: Buffer[] = [];
    for (let i = 0; blocks.length * 32 < length; i++) {
        blocks.push(crypto.createHash("sha256").update(`${label}:${i}`).digest());
    }
    return Buffer.concat(blocks).subarray(0, length);
}

const toBigInt = (b: Buffer) => BigInt(`0x${b.toString("hex") || "0"}`);
const toBase64url = (n: bigint) => {
    const hex = n.toString(16);
    return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex").toString("base64url");
};
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

/** a⁻¹ mod m (extended Euclid); a and m are coprime. */
function modInverse(a: bigint, m: bigint): bigint {
    let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
    while (r1 !== 0n) {
        const q = r0 / r1;
        [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
    }
    return mod(s0, m);
}

const RSA_E = 65537n;

let smallPrimes: number[] | undefined;

/** The odd primes below 2048 (sieve of Eratosthenes), for sieving candidates before the Miller-Rabin test; made at the first RSA key, not at load. */
function oddPrimesBelow2048(): number[] {
    if (smallPrimes === undefined) {
        const composite = new Uint8Array(2048);
        smallPrimes = [];
        for (let n = 3; n < 2048; n += 2) {
            if (!composite[n]) {
                smallPrimes.push(n);
                for (let m = n * n; m < 2048; m += 2 * n) composite[m] = 1;
            }
        }
    }
    return smallPrimes;
}

/**
 * A prime of exactly `bits` bits, its top two bits set (so the product of two such primes has exactly the sum of
 * their bits), with p - 1 coprime to e: the first that passes, searching upwards by 2 from a seeded odd start (the
 * incremental search of FIPS 186-5 B.3.3's kind), skipping multiples of the small primes before OpenSSL's
 * Miller-Rabin (node:crypto checkPrimeSync). A search that would leave the bit length starts again from the next seed.
 */
function seededPrime(label: string, bits: number): bigint {
    const limit = 1n << BigInt(bits);
    const primes = bits > 12 ? oddPrimesBelow2048() : []; // a smaller candidate could be one of them
    for (let attempt = 0; ; attempt++) {
        const bytes = seededBytes(attempt === 0 ? label : `${label}:${attempt}`, Math.ceil(bits / 8));
        const start = (toBigInt(bytes) & (limit - 1n)) | (3n << BigInt(bits - 2)) | 1n;
        const residues = primes.map(p => Number(start % BigInt(p)));
        for (let step = 0, candidate = start; candidate < limit; step += 2, candidate += 2n) {
            if (residues.some((r, i) => (r + step) % primes[i] === 0)) {
                continue;
            }
            if (candidate % RSA_E !== 1n && crypto.checkPrimeSync(candidate, { checks: 32 })) {
                return candidate;
            }
        }
    }
}

/**
 * A real RSA key derived from `seed`, so a plan of the same program is the same every run (a random key would show
 * the key pair, and every server using it, as replaced between two plans). Primes from a SHA-256 counter stream,
 * checked with OpenSSL's Miller-Rabin (node:crypto checkPrimeSync); e = 65537. Cached per seed and size.
 */
export function rsaKey(seed: string, bits: number): GeneratedKey {
    const cacheKey = `${seed}/${bits}`;
    const cached = rsaCache.get(cacheKey);
    if (cached) {
        return cached;
    }
    const [a, b] = [seededPrime(`rsa:${cacheKey}:p`, Math.ceil(bits / 2)), seededPrime(`rsa:${cacheKey}:q`, Math.floor(bits / 2))];
    const [p, q] = a > b ? [a, b] : [b, a];
    const d = modInverse(RSA_E, (p - 1n) * (q - 1n));
    const privateKey = crypto.createPrivateKey({
        format: "jwk",
        key: {
            kty: "RSA", n: toBase64url(p * q), e: toBase64url(RSA_E), d: toBase64url(d), p: toBase64url(p), q: toBase64url(q),
            dp: toBase64url(d % (p - 1n)), dq: toBase64url(d % (q - 1n)), qi: toBase64url(modInverse(q, p)),
        },
    });
    const publicKey = crypto.createPublicKey(privateKey);
    const jwk = privateKey.export({ format: "jwk" });
    const blob = Buffer.concat([sshString("ssh-rsa"), sshMpint(jwk.e!), sshMpint(jwk.n!)]);
    const key: GeneratedKey = {
        algorithm: "RSA",
        publicKeyOpenssh: `ssh-rsa ${blob.toString("base64")}\n`,
        publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
        privateKeyOpenssh: opensshPrivateKey(blob, [
            sshString("ssh-rsa"), sshMpint(jwk.n!), sshMpint(jwk.e!), sshMpint(jwk.d!), sshMpint(jwk.qi!), sshMpint(jwk.p!), sshMpint(jwk.q!),
        ], seededBytes(`rsa-check:${cacheKey}`, 4).readUInt32BE(0)),
        privateKeyPem: privateKey.export({ format: "pem", type: "pkcs1" }).toString(),
        privateKeyPemPkcs8: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        ...fingerprints(blob),
        publicBlob: blob,
    };
    rsaCache.set(cacheKey, key);
    return key;
}

export type EcdsaCurve = "nistp256" | "nistp384" | "nistp521";

const ECDSA_CURVES: Record<EcdsaCurve, { openssl: string; hash: string }> = {
    nistp256: { openssl: "prime256v1", hash: "sha256" },
    nistp384: { openssl: "secp384r1", hash: "sha384" },
    // A SHA-512 digest (512 bits) is always below the P-521 group order, so it is a valid private scalar.
    nistp521: { openssl: "secp521r1", hash: "sha512" },
};

/**
 * A real ECDSA public key derived from `seed`, as `ssh-keygen -t ecdsa` writes it (RFC 5656: string
 * "ecdsa-sha2-<curve>", string "<curve>", string Q as an uncompressed point). Only for testing that ECDSA keys are
 * refused: EC2 ImportKeyPair takes RSA and ED25519 keys only.
 */
export function ecdsaKey(seed: string, curve: EcdsaCurve = "nistp256"): { publicKeyOpenssh: string; publicBlob: Buffer } {
    const { openssl, hash } = ECDSA_CURVES[curve];
    const ecdh = crypto.createECDH(openssl);
    ecdh.setPrivateKey(crypto.createHash(hash).update(`ecdsa:${seed}`).digest());
    const type = `ecdsa-sha2-${curve}`;
    const blob = Buffer.concat([sshString(type), sshString(curve), sshString(ecdh.getPublicKey())]);
    return { publicKeyOpenssh: `${type} ${blob.toString("base64")}\n`, publicBlob: blob };
}

/**
 * The fingerprint EC2 reports for an imported key: base64 SHA-256 of the key blob for ED25519, the MD5 of the
 * DER public key (colon-separated hex) for RSA. Source: EC2 user guide, "Verify the fingerprint of your key pair".
 */
export function ec2ImportedKeyFingerprint(line: string): string {
    const parsed = parseOpenSshPublicKey(line);
    if (!parsed) {
        throw new Error("InvalidKey.Format: Key is not in valid OpenSSH public key format");
    }
    if (parsed.type === "ssh-ed25519") {
        return crypto.createHash("sha256").update(parsed.blob).digest("base64");
    }
    if (parsed.type === "ssh-rsa") {
        const [, e, n] = sshStrings(parsed.blob)!;
        const key = rsaPublicKey(e, n)!;
        return crypto.createHash("md5").update(key.export({ format: "der", type: "spki" })).digest("hex").match(/../g)!.join(":");
    }
    return crypto.createHash("sha256").update(parsed.blob).digest("base64");
}
