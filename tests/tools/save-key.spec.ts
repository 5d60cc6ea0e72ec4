import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MESSAGES, saveKey, SaveKeyError } from "../../tools/save-key";
import { runScript } from "./helpers";

/** An OpenSSH-format private key block like @pulumi/tls's privateKeyOpenssh (body: openssh-key-v1 + random bytes). */
function opensshKey(): string {
    const body = Buffer.concat([Buffer.from("openssh-key-v1\0", "latin1"), crypto.randomBytes(300)]).toString("base64");
    const lines = body.match(/.{1,70}/g) as string[];
    return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function pemKeys(): Record<string, string> {
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    const ed = crypto.generateKeyPairSync("ed25519").privateKey;
    return {
        "OPENSSH PRIVATE KEY": opensshKey(),
        "RSA PRIVATE KEY": rsa.export({ type: "pkcs1", format: "pem" }) as string,
        "EC PRIVATE KEY": ec.export({ type: "sec1", format: "pem" }) as string,
        "PRIVATE KEY": ed.export({ type: "pkcs8", format: "pem" }) as string,
    };
}

function refusal(message: string) {
    return (err: unknown) => {
        assert.ok(err instanceof SaveKeyError);
        assert.equal(err.message, message);
        return true;
    };
}

describe("tools/save-key", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "save-key-"));
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("writes each accepted key type byte-identically with mode 0400 and no temp file", async () => {
        const keys = pemKeys();
        const labels = Object.keys(keys);
        assert.deepEqual(labels, ["OPENSSH PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"]);
        for (const [i, label] of labels.entries()) {
            const file = path.join(dir, `key-${i}.pem`);
            assert.ok(keys[label].startsWith(`-----BEGIN ${label}-----\n`));
            const written = saveKey({ input: Buffer.from(keys[label]), path: file });
            assert.equal(written, file);
            assert.equal(fs.statSync(file).mode & 0o777, 0o400);
            assert.deepEqual(fs.readFileSync(file), Buffer.from(keys[label]));
        }
        assert.deepEqual(fs.readdirSync(dir).sort(), ["key-0.pem", "key-1.pem", "key-2.pem", "key-3.pem"]);
    });

    it("keeps trailing blank lines and CRLF input exactly as given", async () => {
        const key = opensshKey().replace(/\n/g, "\r\n") + "\r\n";
        const file = path.join(dir, "crlf.pem");
        saveKey({ input: key, path: file });
        assert.equal(fs.readFileSync(file, "utf8"), key);
    });

    it("refuses to overwrite an existing file without --force and leaves it unchanged", async () => {
        const file = path.join(dir, "id.pem");
        fs.writeFileSync(file, "old contents\n", { mode: 0o400 });
        assert.throws(() => saveKey({ input: opensshKey(), path: file }), refusal(`refusing: ${file} already exists (use --force to replace it)`));
        assert.equal(fs.readFileSync(file, "utf8"), "old contents\n");
        assert.equal(fs.statSync(file).mode & 0o777, 0o400);
        assert.deepEqual(fs.readdirSync(dir), ["id.pem"]);
    });

    it("with --force replaces an existing 0400 file atomically, still 0400", async () => {
        const file = path.join(dir, "id.pem");
        fs.writeFileSync(file, "old contents\n", { mode: 0o400 });
        const before = fs.statSync(file).ino;
        const key = opensshKey();
        saveKey({ input: key, path: file, force: true });
        assert.equal(fs.readFileSync(file, "utf8"), key);
        assert.equal(fs.statSync(file).mode & 0o777, 0o400);
        assert.notEqual(fs.statSync(file).ino, before); // renamed into place, not rewritten
        assert.deepEqual(fs.readdirSync(dir), ["id.pem"]);
    });

    const { publicKey: spki } = crypto.generateKeyPairSync("ed25519");
    const cases: [string, string, string][] = [
        ["empty input", "", MESSAGES.empty],
        ["whitespace only", " \n\t\n", MESSAGES.empty],
        ["the [secret] placeholder", "[secret]\n", MESSAGES.masked],
        ["an OpenSSH public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq0c8bX1r8yP2dQ7mTqY0b3kz9mR4wB6v1xJ2nL5aSd ec2-server\n", MESSAGES.publicKey],
        ["a PEM public key", spki.export({ type: "spki", format: "pem" }) as string, MESSAGES.publicKey],
        ["garbage", "hello world\nthis is not a key\n", MESSAGES.notPem],
        ["a certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", MESSAGES.notPem],
        ["two keys", opensshKey() + opensshKey(), MESSAGES.multiple],
        ["a key without its END line", opensshKey().replace(/-----END OPENSSH PRIVATE KEY-----\n$/, ""), MESSAGES.malformed],
        ["mismatched BEGIN/END labels", opensshKey().replace("-----END OPENSSH", "-----END RSA"), MESSAGES.malformed],
        ["text after the key", `${opensshKey()}trailing text\n`, MESSAGES.malformed],
        ["a body that is not base64", "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n", MESSAGES.malformed],
    ];
    for (const [what, input, message] of cases) {
        it(`refuses ${what} with an exact message and creates no file`, async () => {
            const file = path.join(dir, "id.pem");
            assert.throws(() => saveKey({ input, path: file }), refusal(message));
            assert.deepEqual(fs.readdirSync(dir), []);
        });
    }

    it("the exact refusal messages never contain key material", async () => {
        const key = opensshKey();
        const body = key.split("\n")[1];
        try {
            saveKey({ input: `${key}${key}`, path: path.join(dir, "id.pem") });
            assert.fail("expected a refusal");
        } catch (err) {
            assert.equal((err as Error).message, MESSAGES.multiple);
            assert.equal((err as Error).message.includes(body), false);
        }
    });

    it("refuses a path whose directory does not exist, creating nothing", async () => {
        const missing = path.join(dir, "no", "such");
        assert.throws(() => saveKey({ input: opensshKey(), path: path.join(missing, "id.pem") }), refusal(`refusing: directory ${missing} does not exist`));
        assert.deepEqual(fs.readdirSync(dir), []);
    });

    it("refuses a path that is a directory", async () => {
        fs.mkdirSync(path.join(dir, "sub"));
        assert.throws(
            () => saveKey({ input: opensshKey(), path: path.join(dir, "sub"), force: true }),
            refusal(`refusing: ${path.join(dir, "sub")} is a directory`),
        );
        assert.deepEqual(fs.readdirSync(dir), ["sub"]);
    });

    it("as a script: reads stdin, exits 0, then 1 without --force, 2 on usage errors", async () => {
        const file = path.join(dir, "ec2-server-dev.pem");
        const key = opensshKey();
        // Real processes: the key arrives on the process's stdin (npm run save-key).
        const run = (args: string[], input: string) => runScript("save-key", args, { input });

        const ok = run([file], key);
        assert.equal(ok.status, 0, ok.stderr);
        assert.equal(ok.stdout, `saved private key to ${file} (mode 0400)\n`);
        assert.equal(ok.stderr, "");
        assert.equal(fs.readFileSync(file, "utf8"), key);
        assert.equal(fs.statSync(file).mode & 0o777, 0o400);

        const again = run([file], opensshKey());
        assert.equal(again.status, 1);
        assert.equal(again.stdout, "");
        assert.equal(again.stderr, `refusing: ${file} already exists (use --force to replace it)\n`);
        assert.equal(fs.readFileSync(file, "utf8"), key);

        const masked = run([path.join(dir, "other.pem")], "[secret]\n");
        assert.equal(masked.status, 1);
        assert.equal(masked.stderr, `${MESSAGES.masked}\n`);

        const usage = run([], key);
        assert.equal(usage.status, 2);
        assert.equal(usage.stderr, "error: missing <path>\nusage: <pem on stdin> | npm run -s save-key -- <path> [--force]\n");
        assert.deepEqual(fs.readdirSync(dir), ["ec2-server-dev.pem"]);
    });
});
