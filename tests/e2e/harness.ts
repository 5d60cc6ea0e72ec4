/**
 * The end-to-end harness: the real Pulumi CLI (and its engine, language host protocol and policy-pack host)
 * against the simulated AWS (offline/provider), one scratch simulation per stack. A stack's config is the
 * committed Pulumi.<stack>.yaml with overrides, written to the scratch directory and given with --config-file,
 * so the committed files are never touched and stacks run side by side.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { findPulumi, REPO_ROOT, simEnv } from "../../offline/provider/cli";
import { Account, accountFile, changeAccount } from "../../offline/provider/account";
import { parseStackExport, StateResource } from "../../offline/state";
import { ProgramRun, runProgram } from "../../offline/program";
import { AwsModel } from "../../offline/aws/model";
import { toConfigString } from "../../offline/stack-config";

export const PULUMI = findPulumi();

export interface Step {
    op: string;
    urn: string;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }>;
    oldState?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
    newState?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

export interface Preview {
    steps: Step[];
    diagnostics?: { message: string; severity: string; urn?: string }[];
    changeSummary: Record<string, number>;
    policies?: unknown;
}

export interface PolicyViolation { policyName: string; enforcementLevel: string; urn: string; message: string }

export interface Run {
    status: number;
    stdout: string;
    stderr: string;
}

/**
 * The config of a committed stack, with overrides given as `pulumi config` strings (objects, lists, booleans and
 * numbers as JSON), written with their types: the CLI checks values against Pulumi.yaml's declared types.
 */
export function stackConfig(stack: string, overrides: Record<string, string> = {}): Record<string, unknown> {
    const doc = yaml.load(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const config = { ...doc.config };
    for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) {
            delete config[k];
            continue;
        }
        let value: unknown = v;
        try {
            value = JSON.parse(v);
        } catch {
            // a plain string
        }
        config[k] = value;
    }
    return config;
}

/** One stack in a scratch simulation of its own. */
export class SimStack {
    readonly dir: string;
    readonly configFile: string;
    private readonly env: NodeJS.ProcessEnv;

    constructor(readonly stack: string, config: Record<string, unknown>, secrets: Record<string, string> = {}) {
        if (!PULUMI) {
            throw new Error("no Pulumi CLI: run `npm run pulumi:build` (needs Go) or put `pulumi` on PATH; .ci/run does this");
        }
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `ec2-server-e2e-${stack}-`));
        this.env = simEnv(PULUMI, this.dir);
        this.configFile = path.join(this.dir, `Pulumi.${stack}.yaml`);
        // `stack init` writes the secrets provider's salt into the project's stack file: run it in a copy of the
        // project file, never in the repository.
        const project = path.join(this.dir, "project");
        fs.mkdirSync(project);
        fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        this.must(["stack", "init", stack, "--non-interactive"], project);
        this.setConfig(config);
        for (const [key, value] of Object.entries(secrets)) {
            this.must(["config", "set", "--secret", "--stack", stack, "--config-file", this.configFile, key, value]);
        }
    }

    /** Replaces the stack's config (secrets set through `pulumi config set --secret` are kept). */
    setConfig(config: Record<string, unknown>): void {
        const old = fs.existsSync(this.configFile) ? (yaml.load(fs.readFileSync(this.configFile, "utf8")) as Record<string, unknown> | undefined) ?? {} : {};
        const kept = Object.fromEntries(Object.entries((old.config ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "object" && v !== null && "secure" in v));
        const doc: Record<string, unknown> = { config: { ...config, ...kept } };
        if (old.encryptionsalt) {
            doc.encryptionsalt = old.encryptionsalt;
        }
        fs.writeFileSync(this.configFile, JSON.stringify(doc, null, 2));
    }

    run(args: string[], cwd = REPO_ROOT): Run {
        const r = spawnSync(PULUMI!, args, { cwd, env: this.env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
        return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
    }

    must(args: string[], cwd = REPO_ROOT): Run {
        const r = this.run(args, cwd);
        assert.equal(r.status, 0, `pulumi ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
        return r;
    }

    private stackArgs(): string[] {
        return ["--stack", this.stack, "--config-file", this.configFile, "--non-interactive"];
    }

    up(extra: string[] = []): Run {
        return this.run(["up", "--yes", "--skip-preview", ...this.stackArgs(), ...extra]);
    }

    refresh(): Run {
        return this.must(["refresh", "--yes", "--skip-preview", ...this.stackArgs()]);
    }

    destroy(extra: string[] = []): Run {
        return this.run(["destroy", "--yes", "--skip-preview", ...this.stackArgs(), ...extra]);
    }

    /** `pulumi preview --json`: the engine's steps. */
    preview(extra: string[] = []): { run: Run; preview?: Preview } {
        const run = this.run(["preview", "--json", ...this.stackArgs(), ...extra]);
        let preview: Preview | undefined;
        try {
            preview = JSON.parse(run.stdout) as Preview;
        } catch {
            preview = undefined;
        }
        return { run, preview };
    }

    /**
     * `pulumi preview` with the engine's events streamed as JSON lines: the policy violations, which the plain
     * `preview --json` document leaves out.
     */
    policyPreview(extra: string[] = []): { run: Run; violations: PolicyViolation[] } {
        const r = spawnSync(PULUMI!, ["preview", "--json", ...this.stackArgs(), ...extra], {
            cwd: REPO_ROOT, env: { ...this.env, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
        });
        const violations: PolicyViolation[] = [];
        for (const line of r.stdout.split("\n")) {
            if (line.includes('"policyEvent"')) {
                const e = (JSON.parse(line) as { policyEvent: { resourceUrn?: string; message: string; policyName: string; enforcementLevel: string } }).policyEvent;
                violations.push({ policyName: e.policyName, enforcementLevel: e.enforcementLevel, urn: e.resourceUrn ?? "", message: e.message });
            }
        }
        return { run: { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr }, violations };
    }

    output(name: string, showSecrets = false): string {
        return this.must(["stack", "output", name, "--stack", this.stack, ...(showSecrets ? ["--show-secrets"] : [])]).stdout.trim();
    }

    outputs(): Record<string, unknown> {
        return JSON.parse(this.must(["stack", "output", "--json", "--stack", this.stack]).stdout) as Record<string, unknown>;
    }

    /** `pulumi stack export`: the raw document. */
    exportDoc(): Record<string, unknown> {
        return JSON.parse(this.must(["stack", "export", "--stack", this.stack]).stdout) as Record<string, unknown>;
    }

    /** The stack's resources (none after a destroy, whose export has no resource list). */
    state(): StateResource[] {
        const doc = this.exportDoc() as { deployment?: { resources?: unknown[] } };
        return doc.deployment?.resources === undefined ? [] : parseStackExport(doc, "stack export").resources;
    }

    /** The stack's state file in the backend, as the CLI wrote it. */
    stateFileText(): string {
        const file = path.join(this.dir, "backend", ".pulumi", "stacks", "ec2-server", `${this.stack}.json`);
        return fs.readFileSync(file, "utf8");
    }

    /** The simulated account (empty until the provider first writes it). */
    account(): Account {
        const file = accountFile(this.dir, this.stack);
        return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) as Account : { region: "", resources: [], creates: {} };
    }

    /** A change made in AWS, not through Pulumi. */
    changeAws(change: (account: Account) => void): void {
        changeAccount(this.dir, this.stack, change);
    }

    dispose(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** The steps that are not "same", as "op name" lines, in the engine's order. */
export function changes(p: Preview): string[] {
    return p.steps.filter(s => s.op !== "same").map(s => `${s.op} ${s.urn.split("::").pop()}`);
}

/** The resource's name in a URN. */
export function nameOf(urn: string): string {
    return urn.split("::").pop()!;
}

/** Config as the CLI passes it to a program (offline/stack-config.ts toConfigString). */
export function configStrings(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, toConfigString(v)]));
}

/** The offline engine's run of the same program and config against a state (a real `pulumi stack export`). */
export function offlinePlan(stack: string, config: Record<string, unknown>, state: StateResource[], secrets: Record<string, string> = {}, imageReleases: Record<string, number> = {}): Promise<ProgramRun> {
    const strings = { ...configStrings(config), ...secrets };
    const model = new AwsModel({ region: strings["aws:region"], imageReleases });
    return runProgram({ stack, config: strings, secretKeys: Object.keys(secrets), state, model });
}

/**
 * The operation per resource (`<type> <name>`) that is not "same": the real engine's steps (a replacement's
 * create-replacement, replace and delete-replaced steps count as one "replace"; `preview --json` leaves out
 * resources with nothing to do) or the offline engine's.
 */
export function opsOf(steps: { op: string; urn: string }[]): Record<string, string> {
    const ops: Record<string, string> = {};
    for (const s of steps) {
        if (s.op === "same") {
            continue;
        }
        const name = `${s.urn.split("::")[2]?.split("$").pop()} ${nameOf(s.urn)}`;
        const op = ["create-replacement", "delete-replaced", "replace"].includes(s.op) ? "replace" : s.op;
        if (ops[name] === undefined || op === "replace") {
            ops[name] = op;
        }
    }
    return ops;
}

/** The offline engine, against the real engine's state, plans the same operation for every resource. */
export async function assertConformance(s: SimStack, config: Record<string, unknown>, preview: Preview, secrets: Record<string, string> = {}): Promise<ProgramRun> {
    // The same world: what AWS has published since (the simulated account's image releases).
    const offline = await offlinePlan(s.stack, config, s.state(), secrets, s.account().imageReleases ?? {});
    assert.deepEqual(opsOf(offline.deployment.steps), opsOf(preview.steps), "the offline plan against the real stack export disagrees with the real engine's preview");
    return offline;
}
