// Finding credentials in EC2 user data, without ever returning the credential itself.
import { gunzipSync } from "node:zlib";

/** A kind of secret that was found, and the first line (1-based) of the scanned text it is on. */
export interface SecretFinding {
    /** For messages: "an AWS access key ID", "an AWS secret access key", "a private key". */
    what: string;
    line: number;
}

/** Names that hold an AWS secret access key: aws_secret_access_key, AWS_SECRET_ACCESS_KEY, SecretAccessKey, aws-secret-key, ... */
const SECRET_KEY_NAME = String.raw`(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?key`;

const DETECTORS: readonly { what: string; pattern: RegExp }[] = [
    // Access key IDs: AKIA (long-term), ASIA (temporary, STS), ABIA (STS service bearer token), ACCA
    // (context-specific credential), then 16 upper-case letters or digits (AWS IAM "unique ID prefixes").
    { what: "an AWS access key ID", pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
    // A 40-character secret access key right after one of its names and an assignment, a colon or a space
    // (`aws_secret_access_key = ...`, `"SecretAccessKey": "..."`, `aws configure set aws_secret_access_key ...`).
    // A value that is a reference ($VAR, $(aws ssm ...), {{ ... }}) is not a 40-character key and does not match.
    {
        what: "an AWS secret access key",
        pattern: new RegExp(`(?:${SECRET_KEY_NAME})["']?[ \\t]*(?:=>|[=:]|[ \\t])[ \\t]*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`, "gi"),
    },
    // PEM and OpenSSH private keys of any algorithm, encrypted or not, and PGP private key blocks.
    { what: "a private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
];

/** The secrets in `text`: each kind at most once, with the line of its first occurrence, in detector order. */
export function findSecrets(text: string): SecretFinding[] {
    const findings: SecretFinding[] = [];
    for (const { what, pattern } of DETECTORS) {
        pattern.lastIndex = 0;
        const match = pattern.exec(text);
        if (match !== null) {
            findings.push({ what, line: text.slice(0, match.index).split("\n").length });
        }
    }
    return findings;
}

/** At most this much gunzipped user data is scanned (EC2 takes 16 KB of user data; a gzip bomb stops here). */
const MAX_GUNZIPPED_BYTES = 4 * 1024 * 1024;

/**
 * The texts to scan for one user data value: the value as written, then, when it is base64 (whitespace
 * ignored), its decoded bytes, gunzipped when they are gzip data. `how` says how a text was obtained, for
 * messages: "" (as written), "base64-decoded", "base64-decoded, gunzipped".
 */
export function userDataTexts(value: string): { text: string; how: string }[] {
    const texts = [{ text: value, how: "" }];
    const compact = value.replace(/\s+/g, "");
    if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
        return texts;
    }
    const bytes = Buffer.from(compact, "base64");
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            texts.push({ text: gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES }).toString("utf8"), how: "base64-decoded, gunzipped" });
        } catch {
            // Not gzip after all, or larger than the limit: scan nothing more than the value itself.
        }
        return texts;
    }
    texts.push({ text: bytes.toString("utf8"), how: "base64-decoded" });
    return texts;
}
