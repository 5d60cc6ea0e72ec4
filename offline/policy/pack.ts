// Runs the CrossGuard policy pack the way the Pulumi CLI does, without the CLI: spawns the pack with the
// SDK's run-policy-pack entry point, reads the port it prints, and talks to it over the Analyzer gRPC
// protocol (GetAnalyzerInfo, Configure, Analyze, AnalyzeStack). Used by tests/policy/pack.spec.ts and by
// the `npm run plan` / `npm run policy:check` tools.
import { ChildProcess, spawn } from "node:child_process";
import type { Socket } from "node:net";
import { createRequire, getCompileCacheDir } from "node:module";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import { ENFORCEMENT_LEVELS as LEVELS, EnforcementLevel } from "../plan/format";
import type { AnalyzerInfo, PolicyDiagnostic, PolicyInfo, PolicyResource } from "./analyzer";
import { parsePolicyConfig, PolicyConfigEntry, PolicyConfigFile, reconcilePolicyConfig } from "./config";
import { LAZY_CLOSURE } from "../sdk-shims";

// Load gRPC and protobuf from where the generated Analyzer stubs load them, so the message classes are
// the very ones the stubs' serializers check with `instanceof`.
const stubsPath = require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb");
const stubsRequire = createRequire(stubsPath);
const grpc = stubsRequire("@grpc/grpc-js") as typeof grpcTypes;
const { AnalyzerClient } = stubsRequire(stubsPath) as typeof analyzerGrpcTypes;
const pb = stubsRequire("./analyzer_pb.js") as typeof analyzerPbTypes;
const { Struct } = stubsRequire("google-protobuf/google/protobuf/struct_pb.js") as typeof structTypes;
const { Empty } = stubsRequire("google-protobuf/google/protobuf/empty_pb.js") as typeof import("google-protobuf/google/protobuf/empty_pb");

const LEVEL_TO_PROTO: Record<EnforcementLevel, analyzerPbTypes.EnforcementLevel> = {
    advisory: pb.EnforcementLevel.ADVISORY,
    mandatory: pb.EnforcementLevel.MANDATORY,
    remediate: pb.EnforcementLevel.REMEDIATE,
    disabled: pb.EnforcementLevel.DISABLED,
};

function levelFromProto(level: analyzerPbTypes.EnforcementLevel): EnforcementLevel {
    const found = LEVELS.find(l => LEVEL_TO_PROTO[l] === level);
    if (found === undefined) {
        throw new Error(`unknown enforcement level ${level} from the policy pack`);
    }
    return found;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const DEFAULT_PACK_DIR = path.join(REPO_ROOT, "policy");
const MAX_MESSAGE_SIZE = 400 * 1024 * 1024; // the SDK's server accepts up to 400 MB

/**
 * Node's compile cache for the packs this process starts: the directory of this process's own compile cache
 * (offline/register.js turns it on in every tool and test process: node_modules/.cache/ec2-server/v8) with
 * "-pack" appended, or none when this process has none.
 *
 * A directory of its own, because V8 rejects code that was cached under other V8 flags, and run-policy-pack turns
 * on --allow-natives-syntax (the SDK's runtime/closure/v8Hooks) before it loads anything else, which the tool
 * processes never do. In one shared directory each side rejected and rewrote the other's entries: about 750 of
 * them at every pack start (NODE_DEBUG_NATIVE=COMPILE_CACHE), and `npm run plan` was slower than with no cache for
 * the pack at all. In its own directory, a pack reaches its first gRPC answer in 0.8-1.1 s instead of 1.3-1.6 s
 * on 2 cores, and `npm run plan` on dev takes 1.6-1.9 s instead of 2.0-2.4 s.
 */
export function packCompileCacheDir(): string | undefined {
    // Node 22.8 and later; it names the subdirectory Node keeps per Node version, architecture and V8 flags.
    const own = getCompileCacheDir?.();
    return own ? `${path.dirname(own)}-pack` : undefined;
}


/**
 * The environment a pack is started with. As the Pulumi CLI starts it (`asCli`): this process's, as it is. As the tools
 * start it (the default), two things more, both from the pack's first module on, before run-policy-pack loads
 * anything: NODE_COMPILE_CACHE, the packs' own compile cache (packCompileCacheDir), and NODE_OPTIONS with
 * `--require offline/lazy-closure.js` (the SDK without its function serializer). Together they take a pack's start
 * from 1.3-1.6 s to 0.5-0.8 s on 2 cores; what the pack does once started is the same.
 */
export function packEnv(asCli = false): NodeJS.ProcessEnv {
    if (asCli) {
        return process.env;
    }
    const env: NodeJS.ProcessEnv = { ...process.env };
    const cacheDir = packCompileCacheDir();
    if (cacheDir !== undefined) {
        env["NODE_COMPILE_CACHE"] = cacheDir;
    }
    env["NODE_OPTIONS"] = [process.env["NODE_OPTIONS"], `--require ${JSON.stringify(LAZY_CLOSURE)}`].filter(Boolean).join(" ");
    return env;
}

// Every pack process still running, killed when this process exits, whatever way it exits.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
    liveChildren.add(child);
    child.once("exit", () => liveChildren.delete(child));
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once("exit", () => liveChildren.forEach(c => c.kill("SIGKILL")));
    }
}

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

type StructValue = structTypes.JavaScriptValue;

/** Plain JSON for a Struct, as the engine marshals properties: undefined object members are dropped,
 * undefined array elements become null, internal keys ("__...") are skipped. */
function toStructValue(value: unknown): StructValue | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(v => toStructValue(v) ?? null);
    }
    if (typeof value === "object") {
        const result: Record<string, StructValue> = {};
        for (const [k, v] of Object.entries(value)) {
            const converted = toStructValue(v);
            if (!k.startsWith("__") && converted !== undefined) {
                result[k] = converted;
            }
        }
        return result;
    }
    throw new Error(`cannot send a ${typeof value} property value to the policy pack`);
}

function toStruct(props: Record<string, unknown>): structTypes.Struct {
    return Struct.fromJavaScript((toStructValue(props) ?? {}) as Record<string, StructValue>);
}

function resourceOptions(r: PolicyResource): analyzerPbTypes.AnalyzerResourceOptions {
    const o = r.options ?? {};
    const opts = new pb.AnalyzerResourceOptions();
    opts.setProtect(o.protect ?? false);
    opts.setIgnorechangesList(o.ignoreChanges ?? []);
    if (o.deleteBeforeReplace !== undefined) {
        opts.setDeletebeforereplace(o.deleteBeforeReplace);
        opts.setDeletebeforereplacedefined(true);
    }
    opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
    opts.setAliasesList(o.aliases ?? []);
    const parent = o.parent ?? r.parent;
    if (parent !== undefined) {
        opts.setParent(parent);
    }
    return opts;
}

function providerResource(r: PolicyResource): analyzerPbTypes.AnalyzerProviderResource | undefined {
    if (r.provider === undefined) {
        return undefined;
    }
    const p = new pb.AnalyzerProviderResource();
    p.setType(r.provider.type);
    p.setName(r.provider.name);
    p.setUrn(r.provider.urn);
    p.setProperties(toStruct(r.provider.properties));
    return p;
}

/** What both analyzer messages say of a resource (AnalyzeRequest for one, AnalyzerResource in AnalyzeStackRequest). */
interface ResourceMessage {
    setType(v: string): unknown;
    setUrn(v: string): unknown;
    setName(v: string): unknown;
    setProperties(v: structTypes.Struct): unknown;
    setOptions(v: analyzerPbTypes.AnalyzerResourceOptions): unknown;
    setProvider(v: analyzerPbTypes.AnalyzerProviderResource): unknown;
}

/** Fills in a resource's type, URN, name, properties, options and provider. */
function describeResource<M extends ResourceMessage>(msg: M, r: PolicyResource): M {
    msg.setType(r.type);
    msg.setUrn(r.urn);
    msg.setName(r.name);
    msg.setProperties(toStruct(r.properties));
    msg.setOptions(resourceOptions(r));
    const provider = providerResource(r);
    if (provider !== undefined) {
        msg.setProvider(provider);
    }
    return msg;
}

function diagnosticsOf(resp: analyzerPbTypes.AnalyzeResponse, defaultUrn?: string): PolicyDiagnostic[] {
    return resp.getDiagnosticsList().map(d => {
        const urn = d.getUrn() || defaultUrn;
        return {
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: levelFromProto(d.getEnforcementlevel()),
            ...(urn ? { urn } : {}),
        };
    });
}

// ---------------------------------------------------------------------------------------------------
// The pack process
// ---------------------------------------------------------------------------------------------------

export class PolicyPackProcess {
    private info?: AnalyzerInfo;
    private initialConfig: Record<string, PolicyConfigEntry> = {};
    private closed = false;

    /** The pack's process id. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    private constructor(
        readonly port: number,
        private readonly child: ChildProcess,
        private readonly client: analyzerGrpcTypes.AnalyzerClient,
        private readonly stderr: () => string,
    ) {}

    /**
     * Spawns the pack exactly as the Pulumi CLI does: `node <@pulumi/pulumi/cmd/run-policy-pack> <engine-address> .`
     * with cwd = packDir (default: <repo>/policy), reads the port it prints on stdout and connects an
     * Analyzer gRPC client. run-policy-pack shifts the engine address off without using it. Rejects with
     * the pack's stderr if it exits, or prints no port within `timeoutMs` (default 60 s).
     *
     * The pack's environment is packEnv(opts.asCli): by default with a compile cache and the SDK's function
     * serializer deferred from its first module on; with `asCli`, exactly the environment the CLI would pass on.
     */
    static start(opts: { packDir?: string; timeoutMs?: number; asCli?: boolean } = {}): Promise<PolicyPackProcess> {
        const packDir = path.resolve(opts.packDir ?? DEFAULT_PACK_DIR);
        const timeoutMs = opts.timeoutMs ?? 60_000;
        const entry = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
        const child = spawn(process.execPath, [entry, "127.0.0.1:0", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"], env: packEnv(opts.asCli) });
        track(child);
        let stdout = "";
        let stderr = "";
        child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
            stderr = (stderr + chunk).slice(-64 * 1024);
        });
        return new Promise<PolicyPackProcess>((resolve, reject) => {
            let settled = false;
            const fail = (why: string) => {
                if (settled) {
                    return;
                }
                settled = true;
                clearTimeout(timer);
                child.kill("SIGKILL");
                reject(new Error(`Policy pack ${packDir} ${why}${stderr.trim() ? `:\n${stderr.trim()}` : " (no stderr output)"}`));
            };
            const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
            child.once("error", e => fail(`could not be started (${e.message})`));
            child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its port`));
            child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
                if (settled) {
                    return; // keep draining stdout so the pack never blocks on a full pipe
                }
                stdout += chunk;
                const line = stdout.split(/\r?\n/).slice(0, -1).find(l => /^\d+$/.test(l.trim()));
                if (line !== undefined) {
                    settled = true;
                    clearTimeout(timer);
                    const port = Number(line.trim());
                    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                        "grpc.max_receive_message_length": MAX_MESSAGE_SIZE,
                        "grpc.max_send_message_length": MAX_MESSAGE_SIZE,
                    });
                    resolve(new PolicyPackProcess(port, child, client, () => stderr));
                }
            });
        });
    }

    private call<Req, Res>(
        method: (req: Req, callback: (err: grpcTypes.ServiceError | null, res: Res) => void) => unknown,
        req: Req,
        what: string,
    ): Promise<Res> {
        if (this.closed) {
            return Promise.reject(new Error(`${what}: the policy pack process is closed`));
        }
        return new Promise<Res>((resolve, reject) => {
            method.call(this.client, req, (err, res) => {
                if (err) {
                    const stderr = this.stderr().trim();
                    reject(new Error(`${what} failed: ${err.details || err.message}${stderr ? `\npack stderr:\n${stderr}` : ""}`));
                } else {
                    resolve(res);
                }
            });
        });
    }

    /** Name, version and policies (default levels and config schemas) of the pack. */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        if (this.info === undefined) {
            const res = await this.call<InstanceType<typeof Empty>, analyzerPbTypes.AnalyzerInfo>(this.client.getAnalyzerInfo, new Empty(), "GetAnalyzerInfo");
            this.info = {
                name: res.getName(),
                version: res.getVersion(),
                policies: res.getPoliciesList().map(p => {
                    const schema = p.getConfigschema();
                    const info: PolicyInfo = {
                        name: p.getName(),
                        description: p.getDescription(),
                        enforcementLevel: levelFromProto(p.getEnforcementlevel()),
                    };
                    if (p.getDisplayname()) {
                        info.displayName = p.getDisplayname();
                    }
                    if (schema !== undefined) {
                        info.configSchema = { properties: schema.getProperties()?.toJavaScript() ?? {} };
                        if (schema.getRequiredList().length > 0) {
                            info.configSchema.required = schema.getRequiredList();
                        }
                    }
                    return info;
                }),
            };
            res.getInitialconfigMap().forEach((c, name) => {
                const properties = c.getProperties()?.toJavaScript();
                this.initialConfig[name] = {
                    enforcementLevel: levelFromProto(c.getEnforcementlevel()),
                    properties: properties && Object.keys(properties).length > 0 ? properties : undefined,
                };
            });
        }
        return this.info;
    }

    /**
     * Sends policy config the way the CLI does (`--policy-pack-config`): reconciled with every policy's
     * default level and schema defaults, validated, and sent for every policy. Returns the effective
     * level of each policy.
     */
    async configure(config: PolicyConfigFile): Promise<Record<string, EnforcementLevel>> {
        const info = await this.getAnalyzerInfo();
        const reconciled = reconcilePolicyConfig(info.policies, parsePolicyConfig(config), this.initialConfig);
        const req = new pb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, entry] of Object.entries(reconciled)) {
            const c = new pb.PolicyConfig();
            c.setEnforcementlevel(LEVEL_TO_PROTO[entry.enforcementLevel === "" ? "advisory" : entry.enforcementLevel]);
            c.setProperties(Struct.fromJavaScript((entry.properties ?? {}) as Record<string, StructValue>));
            map.set(name, c);
        }
        await this.call<analyzerPbTypes.ConfigureAnalyzerRequest, unknown>(this.client.configure, req, "Configure");
        return Object.fromEntries(info.policies.map(p => {
            const level = reconciled[p.name]?.enforcementLevel;
            return [p.name, level === undefined || level === "" ? p.enforcementLevel : level];
        }));
    }

    /** Runs every resource policy on one resource (its inputs), as the engine does for each step. */
    async analyze(r: PolicyResource): Promise<PolicyDiagnostic[]> {
        const req = describeResource(new pb.AnalyzeRequest(), r);
        return diagnosticsOf(await this.call<analyzerPbTypes.AnalyzeRequest, analyzerPbTypes.AnalyzeResponse>(this.client.analyze, req, `Analyze ${r.urn}`), r.urn);
    }

    /** Runs every stack policy on all resources (their outputs), as the engine does at the end. */
    async analyzeStack(rs: PolicyResource[]): Promise<PolicyDiagnostic[]> {
        const req = new pb.AnalyzeStackRequest();
        req.setResourcesList(rs.map(r => {
            const res = describeResource(new pb.AnalyzerResource(), r);
            if (r.parent !== undefined) {
                res.setParent(r.parent);
            }
            res.setDependenciesList(r.dependencies ?? []);
            const deps = res.getPropertydependenciesMap();
            for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const d = new pb.AnalyzerPropertyDependencies();
                d.setUrnsList(urns);
                deps.set(key, d);
            }
            return res;
        }));
        return diagnosticsOf(await this.call<analyzerPbTypes.AnalyzeStackRequest, analyzerPbTypes.AnalyzeResponse>(this.client.analyzeStack, req, "AnalyzeStack"));
    }

    /**
     * Lets this process exit while the pack still runs: neither the pack nor its output pipes keep the event loop
     * alive any more (an idle gRPC client does not either), and, like every pack started here, it is killed when
     * this process exits. For a pack that many callers share until the process ends.
     */
    unref(): this {
        this.child.unref();
        (this.child.stdout as Socket | null)?.unref();
        (this.child.stderr as Socket | null)?.unref();
        return this;
    }

    /** Closes the client and kills the pack (SIGTERM, then SIGKILL after 5 s); resolves once it has exited. */
    async close(): Promise<void> {
        if (!this.closed) {
            this.closed = true;
            this.client.close();
        }
        const child = this.child;
        if (child.exitCode !== null || child.signalCode !== null) {
            return;
        }
        await new Promise<void>(resolve => {
            const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
            child.once("exit", () => {
                clearTimeout(force);
                resolve();
            });
            child.kill("SIGTERM");
        });
    }
}

/**
 * One shot: starts the pack, configures it (always, as the CLI does; with `policyConfig` if given),
 * analyzes each resource, then the whole stack, and closes the pack. `policies` lists each policy with
 * its effective level under that config.
 */
export async function checkResources(
    resources: PolicyResource[],
    opts: { policyConfig?: PolicyConfigFile; packDir?: string } = {},
): Promise<{ policies: { name: string; enforcementLevel: EnforcementLevel }[]; diagnostics: PolicyDiagnostic[] }> {
    const pack = await PolicyPackProcess.start({ packDir: opts.packDir });
    try {
        const levels = await pack.configure(opts.policyConfig ?? {});
        const diagnostics: PolicyDiagnostic[] = [];
        for (const r of resources) {
            diagnostics.push(...(await pack.analyze(r)));
        }
        diagnostics.push(...(await pack.analyzeStack(resources)));
        return {
            policies: Object.entries(levels).map(([name, enforcementLevel]) => ({ name, enforcementLevel })),
            diagnostics,
        };
    } finally {
        await pack.close();
    }
}
