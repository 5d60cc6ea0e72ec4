// npm run -s save-key -- <path> [--force]
//
// Saves the stack's generated private key, read from stdin, to <path> with mode 0400:
//
//   pulumi stack output privateKeyPem --show-secrets | npm run -s save-key -- ~/.ssh/ec2-server-dev.pem
//
// - Writes atomically: a temp file in the same directory is created with O_CREAT|O_EXCL and
//   mode 0400, written, fsynced, then moved into place. Without --force the move is a hard
//   link (fails if <path> appeared meanwhile); with --force it is a rename over the old file.
// - Refuses anything that is not exactly one PEM private key block (OPENSSH, RSA, EC or
//   PKCS#8 "PRIVATE KEY"), including the "[secret]" placeholder that `pulumi stack output`
//   prints without --show-secrets.
// - Never prints key material; no file (and no temp file) is left behind on any error.
//
// Exit codes: 0 saved, 1 refused (bad input, file exists, missing directory), 2 usage.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCli, runCli, UsageError } from "./lib/cli";

export const USAGE = "usage: <pem on stdin> | npm run -s save-key -- <path> [--force]";

/** Largest input accepted (an RSA-4096 PEM is ~3.3 KB). */
export const MAX_INPUT_BYTES = 64 * 1024;

const ACCEPTED_LABELS = ["OPENSSH PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY"] as const;

export const MESSAGES = {
    empty: "refusing: no key on stdin (input is empty)",
    masked:
        'refusing: input is the masked placeholder "[secret]"; run `pulumi stack output privateKeyPem --show-secrets`',
    publicKey: "refusing: input is a public key, not a private key",
    multiple: "refusing: input contains more than one PEM block; expected exactly one private key",
    notPem:
        "refusing: input is not a PEM private key (expected one -----BEGIN OPENSSH PRIVATE KEY-----, RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY block)",
    malformed: "refusing: the PEM private key block is malformed (missing END line or invalid base64 body)",
    tooLarge: `refusing: input is larger than ${MAX_INPUT_BYTES} bytes`,
} as const;

/** A refusal: exit code 1. The message never contains key material. */
export class SaveKeyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SaveKeyError";
    }
}

/**
 * Checks that `input` is exactly one PEM private key block, optionally surrounded by whitespace.
 * Throws SaveKeyError with one of MESSAGES otherwise.
 */
export function validatePrivateKey(input: Buffer | string): void {
    const buf = typeof input === "string" ? Buffer.from(input, "utf8") : input;
    if (buf.length > MAX_INPUT_BYTES) throw new SaveKeyError(MESSAGES.tooLarge);
    // latin1 maps every byte to one char, so arbitrary binary input cannot throw here.
    const text = buf.toString("latin1");
    const trimmed = text.trim();
    if (trimmed === "") throw new SaveKeyError(MESSAGES.empty);
    if (trimmed === "[secret]") throw new SaveKeyError(MESSAGES.masked);
    if (looksLikePublicKey(trimmed)) throw new SaveKeyError(MESSAGES.publicKey);

    const begins = [...trimmed.matchAll(/-----BEGIN ([A-Z0-9 ]{1,40})-----/g)];
    if (begins.length > 1) throw new SaveKeyError(MESSAGES.multiple);
    if (begins.length === 0) throw new SaveKeyError(MESSAGES.notPem);
    const label = begins[0][1];
    if (/PUBLIC KEY/.test(label)) throw new SaveKeyError(MESSAGES.publicKey);
    if (!(ACCEPTED_LABELS as readonly string[]).includes(label)) throw new SaveKeyError(MESSAGES.notPem);

    const lines = trimmed.split(/\r?\n/);
    if (lines[0] !== `-----BEGIN ${label}-----`) throw new SaveKeyError(MESSAGES.notPem);
    const last = lines[lines.length - 1];
    if (last !== `-----END ${label}-----`) throw new SaveKeyError(MESSAGES.malformed);
    const body = lines.slice(1, -1);
    // RFC 1421 style headers (Proc-Type, DEK-Info) may precede a blank line in legacy RSA/EC PEM.
    let i = 0;
    if (body.length > 0 && /^[A-Za-z-]+: /.test(body[0])) {
        while (i < body.length && /^[A-Za-z-]+: /.test(body[i])) i++;
        if (body[i] !== "") throw new SaveKeyError(MESSAGES.malformed);
        i++;
    }
    const base64Lines = body.slice(i);
    if (base64Lines.length === 0) throw new SaveKeyError(MESSAGES.malformed);
    for (const line of base64Lines) {
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(line)) throw new SaveKeyError(MESSAGES.malformed);
    }
}

function looksLikePublicKey(text: string): boolean {
    return (
        /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-[a-z0-9-]+|sk-(ssh-ed25519|ecdsa-sha2-[a-z0-9-]+)@openssh\.com) [A-Za-z0-9+/=]+/.test(text) ||
        text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")
    );
}

export interface SaveKeyOptions {
    /** The raw bytes read from stdin; written unchanged. */
    input: Buffer | string;
    /** Destination file. A leading "~/" is expanded to the home directory. */
    path: string;
    /** Replace an existing file (still atomically). */
    force?: boolean;
}

/** Expands a leading "~/" (in case the shell did not, e.g. when quoted). */
export function expandHome(p: string): string {
    return p === "~" ? os.homedir() : p.startsWith("~/") ? path.join(os.homedir(), p.slice(2)) : p;
}

/**
 * Validates and atomically writes the key. Returns the absolute path written.
 * Throws SaveKeyError (exit 1) for every refusal; leaves no file behind on error.
 */
export function saveKey(opts: SaveKeyOptions): string {
    const data = typeof opts.input === "string" ? Buffer.from(opts.input, "utf8") : opts.input;
    validatePrivateKey(data);

    const target = path.resolve(expandHome(opts.path));
    const dir = path.dirname(target);
    let dirStat: fs.Stats;
    try {
        dirStat = fs.statSync(dir);
    } catch {
        throw new SaveKeyError(`refusing: directory ${dir} does not exist`);
    }
    if (!dirStat.isDirectory()) throw new SaveKeyError(`refusing: ${dir} is not a directory`);

    const existing = lstatOrUndefined(target);
    if (existing?.isDirectory()) throw new SaveKeyError(`refusing: ${target} is a directory`);
    if (existing && !opts.force) {
        throw new SaveKeyError(`refusing: ${target} already exists (use --force to replace it)`);
    }

    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`);
    let fd: number | undefined;
    try {
        // O_CREAT|O_EXCL|O_WRONLY with mode 0400: the file never exists with looser permissions.
        fd = fs.openSync(temp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o400);
        fs.fchmodSync(fd, 0o400); // in case the umask or filesystem changed the mode
        let off = 0;
        while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fd = undefined;
        if (opts.force) {
            fs.renameSync(temp, target);
        } else {
            // link() fails with EEXIST if the target appeared after the check above: no clobbering.
            try {
                fs.linkSync(temp, target);
            } catch (err) {
                if ((err as NodeJS.ErrnoException).code === "EEXIST") {
                    throw new SaveKeyError(`refusing: ${target} already exists (use --force to replace it)`);
                }
                throw err;
            }
            fs.unlinkSync(temp);
        }
        fsyncDir(dir);
        return target;
    } catch (err) {
        if (fd !== undefined) {
            try {
                fs.closeSync(fd);
            } catch {
                /* already closed */
            }
        }
        try {
            fs.unlinkSync(temp);
        } catch {
            /* not created or already moved */
        }
        if (err instanceof SaveKeyError) throw err;
        const code = (err as NodeJS.ErrnoException).code ?? "error";
        throw new SaveKeyError(`refusing: could not write ${target} (${code})`);
    }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
    try {
        return fs.lstatSync(p);
    } catch {
        return undefined;
    }
}

/** Makes the rename durable. Best effort: some platforms cannot fsync a directory. */
function fsyncDir(dir: string): void {
    let fd: number | undefined;
    try {
        fd = fs.openSync(dir, "r");
        fs.fsyncSync(fd);
    } catch {
        /* ignore */
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

async function readStdin(limit: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > limit) throw new SaveKeyError(MESSAGES.tooLarge);
        chunks.push(b);
    }
    return Buffer.concat(chunks);
}

export async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["force", "help"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length !== 1) {
        throw new UsageError(positionals.length === 0 ? "missing <path>" : "expected exactly one <path>");
    }
    if (process.stdin.isTTY) throw new UsageError("expected the key on stdin (pipe `pulumi stack output ...` into it)");
    try {
        const input = await readStdin(MAX_INPUT_BYTES);
        const written = saveKey({ input, path: positionals[0], force: flags.force === true });
        process.stdout.write(`saved private key to ${written} (mode 0400)\n`);
        return 0;
    } catch (err) {
        if (err instanceof SaveKeyError) {
            process.stderr.write(`${err.message}\n`);
            return 1;
        }
        throw err;
    }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)), USAGE);
