/**
 * OpenSSH public key lines (`<type> <base64 key data> [comment]`), read as EC2 ImportKeyPair reads them: the key data
 * is a sequence of SSH strings (RFC 4253 section 6.6) that starts with the type, ED25519 keys carry a 32-byte key
 * (RFC 8709 section 4), RSA keys an exponent and a modulus that form a public key. The config check (config/parsers.ts)
 * and the AWS model's key pair (offline/aws/ec2/key-pair.ts, offline/ssh-keys.ts) share it, so a key the config lets
 * through is one the model imports.
 */
import * as crypto from "node:crypto";

export interface OpenSshPublicKey {
    type: string;
    /** The decoded key data. */
    blob: Buffer;
}

/** The SSH strings the key data is made of, or undefined when it is not a whole number of them. */
export function sshStrings(blob: Buffer): Buffer[] | undefined {
    const fields: Buffer[] = [];
    for (let at = 0; at < blob.length;) {
        if (at + 4 > blob.length) {
            return undefined;
        }
        const len = blob.readUInt32BE(at);
        if (at + 4 + len > blob.length) {
            return undefined;
        }
        fields.push(blob.subarray(at + 4, at + 4 + len));
        at += 4 + len;
    }
    return fields;
}

/** An RSA key's exponent and modulus (SSH mpints) as a public key; undefined when they do not form one. */
export function rsaPublicKey(e: Buffer, n: Buffer): crypto.KeyObject | undefined {
    const unsigned = (b: Buffer) => (b.length > 1 && b[0] === 0 ? b.subarray(1) : b);
    if (!e.some(byte => byte !== 0) || !n.some(byte => byte !== 0)) {
        return undefined; // node:crypto builds a key from an empty modulus
    }
    try {
        return crypto.createPublicKey({ key: { kty: "RSA", e: unsigned(e).toString("base64url"), n: unsigned(n).toString("base64url") }, format: "jwk" });
    } catch {
        return undefined;
    }
}

/** Parses an OpenSSH public key line; undefined when EC2 would reject it as malformed. */
export function parseOpenSshPublicKey(line: string): OpenSshPublicKey | undefined {
    const [type, b64] = line.trim().split(/\s+/);
    if (!type || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
        return undefined;
    }
    const blob = Buffer.from(b64, "base64");
    const fields = sshStrings(blob);
    if (!fields || fields.length === 0 || fields[0].toString("latin1") !== type) {
        return undefined;
    }
    if (type === "ssh-ed25519" && (fields.length !== 2 || fields[1].length !== 32)) {
        return undefined;
    }
    if (type === "ssh-rsa" && (fields.length !== 3 || !rsaPublicKey(fields[1], fields[2]))) {
        return undefined;
    }
    return { type, blob };
}
