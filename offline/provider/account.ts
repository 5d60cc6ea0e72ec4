/**
 * The simulated AWS account behind `npm run sim`: what exists in AWS for one stack, kept in a JSON file so that a
 * later CLI run (a `pulumi refresh`, the next `up`) sees what an earlier one created. One file per stack
 * (`<sim dir>/aws/<stack>.json`): the model derives ids from resource names, and every stack of the project uses
 * the same names, so stacks are simulated as separate accounts.
 *
 * Values AWS holds that the stack marks secret (user data given with `--secret`) are never written in clear: the
 * file keeps a digest, and a read hands back the engine's own value when it matches (see restoreSecrets).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StateResource } from "../state";

/** One resource as it exists in the simulated AWS. */
export interface AccountResource extends StateResource {
    id: string;
    /** The logical name the model derives ids and autonames from. */
    name: string;
    /** Top-level properties the stack marks secret: the file keeps only their digest. */
    secretKeys: string[];
}

export interface Account {
    /** The account's region (the provider's `region` when it was first configured). */
    region: string;
    resources: AccountResource[];
    /** How many times each URN was created: a replacement is the model's next round (new ids and addresses). */
    creates: Record<string, number>;
    /** Newer images AWS has published under a public AMI parameter since the account began (AwsModel imageReleases). */
    imageReleases?: Record<string, number>;
}

/** Where the simulation keeps its files (`npm run sim` sets it). */
export const SIM_DIR_ENV = "EC2_SERVER_SIM_DIR";

export function simDir(): string {
    const dir = process.env[SIM_DIR_ENV];
    if (!dir) {
        throw new Error(`${SIM_DIR_ENV} is not set: the simulated AWS provider runs under \`npm run sim\`, which points it at its directory`);
    }
    return dir;
}

export function accountFile(dir: string, stack: string): string {
    return path.join(dir, "aws", `${stack.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
}

export function readAccount(file: string, region: string): Account {
    if (!fs.existsSync(file)) {
        return { region, resources: [], creates: {} };
    }
    const account = JSON.parse(fs.readFileSync(file, "utf8")) as Account;
    if (account.region !== region) {
        throw new Error(`the simulated account ${file} is in ${account.region}, the provider is configured for ${region}: one stack, one region`);
    }
    return account;
}

/** Writes the account atomically (a crash never leaves half a file). */
export function writeAccount(file: string, account: Account): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(account, null, 1)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
}

/** Changes the simulated AWS between CLI runs, as AWS or an operator would (tests: scale-out, stop, drift). */
export function changeAccount(dir: string, stack: string, change: (account: Account) => void): Account {
    const file = accountFile(dir, stack);
    if (!fs.existsSync(file)) {
        throw new Error(`no simulated account for stack ${stack} in ${dir}`);
    }
    const account = JSON.parse(fs.readFileSync(file, "utf8")) as Account;
    change(account);
    writeAccount(file, account);
    return account;
}

const DIGEST_KEY = "__ec2ServerSimSecretSha256";

function digest(v: unknown): string {
    return crypto.createHash("sha256").update(JSON.stringify(v)).digest("hex");
}

/** The value as the account file stores it: each secret path replaced by a digest of its value. */
export function redactSecrets(value: Record<string, unknown>, secretKeys: Set<string>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretKeys.has(k) && v !== undefined ? { [DIGEST_KEY]: digest(v) } : v]));
}

export function isRedacted(v: unknown): boolean {
    return typeof v === "object" && v !== null && DIGEST_KEY in v;
}

/**
 * Puts back the values the file holds only as digests, from what the engine sent (its state): a value whose digest
 * matches is what AWS holds. A value the engine does not have is left out, as AWS does not return it either.
 */
export function restoreSecrets(stored: Record<string, unknown>, engine: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(stored)) {
        if (isRedacted(v)) {
            if (engine[k] !== undefined && digest(engine[k]) === (v as Record<string, string>)[DIGEST_KEY]) {
                out[k] = engine[k];
            }
            continue;
        }
        out[k] = v;
    }
    return out;
}
