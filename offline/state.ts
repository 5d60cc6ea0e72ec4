/**
 * Offline state: the resources of a deployed stack, as `pulumi stack export` writes them (deployment
 * version 3), and as `npm run plan -- --write-state` writes them after a modelled `pulumi up` + `pulumi refresh`.
 *
 * Secrets: a real export carries each secret as `{ <sig>: <secret sig>, ciphertext }`, encrypted by the stack's
 * secrets provider; offline nothing can decrypt it. The offline writer puts the same envelope with
 * `ciphertext: "[secret]"`: never the value, and `policy:check` reads it as unknown, like any ciphertext.
 */
import { SECRET_PLACEHOLDER } from "./plan/format";
import { hasSdkSignature, isSdkSecret, secretSignature } from "./sdk-shims";
import { DESCEND, isRecord, mapValue, someValue } from "../lib/values";
import { replaceSecretPaths } from "./paths";

/**
 * What the offline writer stores in place of a secret value: the SDK's secret marker (offline/sdk-shims.ts
 * secretSignature) with `ciphertext: "[secret]"`. A new object each call.
 */
export function secretEnvelope(): Record<string, unknown> {
    const { key, secret } = secretSignature();
    return { [key]: secret, ciphertext: SECRET_PLACEHOLDER };
}

/** One resource of a stack's state (`deployment.resources[i]` of `pulumi stack export`). */
export interface StateResource {
    urn: string;
    type: string;
    /** Absent for component resources and the stack. */
    id?: string;
    custom: boolean;
    /** Inputs as last sent to the provider. Secret values are `SecretValue` (see isStateSecret). */
    inputs: Record<string, unknown>;
    /** Outputs as last read from the provider (after a refresh: what AWS reports). */
    outputs: Record<string, unknown>;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    replaceOnChanges?: string[];
    additionalSecretOutputs?: string[];
    /** `<provider urn>::<provider id>` for custom resources. */
    provider?: string;
}

/** A stack's state: its resources plus the configuration of its default providers. */
export interface StackState {
    /** The file it came from (for messages). */
    source: string;
    resources: StateResource[];
}

/** True for a secret in serialised state, whatever its encryption (`ciphertext`) or `plaintext`. */
export function isStateSecret(v: unknown): v is Record<string, unknown> {
    return isSdkSecret(v);
}

/** True when the value holds a secret whose plaintext is not in the file. */
export function containsOpaqueSecret(value: unknown): boolean {
    return someValue(value, v => isStateSecret(v) && typeof v.plaintext !== "string");
}

/** Decodes `plaintext` secrets (`pulumi stack export --show-secrets`); leaves encrypted ones as they are. */
export function decodePlaintextSecrets(value: unknown): unknown {
    return mapValue(value, v => {
        if (!isStateSecret(v)) {
            return DESCEND;
        }
        if (typeof v.plaintext === "string") {
            try {
                return decodePlaintextSecrets(JSON.parse(v.plaintext));
            } catch {
                return v;
            }
        }
        return v;
    });
}

function strings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Reads a `pulumi stack export` document (version 3). Pending deletes and external (read) resources are left
 * out: they are not the program's. Throws with every problem found.
 */
export function parseStackExport(doc: unknown, source = "state"): StackState {
    const problems: string[] = [];
    if (!isRecord(doc) || doc.version !== 3 || !isRecord(doc.deployment)) {
        throw new Error(`${source} is not a \`pulumi stack export\` document: expected { "version": 3, "deployment": { "resources": [...] } }`);
    }
    const raw = doc.deployment.resources;
    if (!Array.isArray(raw)) {
        throw new Error(`${source}: deployment.resources is not an array`);
    }
    const resources: StateResource[] = [];
    raw.forEach((r: unknown, i: number) => {
        const at = `deployment.resources[${i}]`;
        if (!isRecord(r) || typeof r.urn !== "string" || typeof r.type !== "string") {
            problems.push(`${at} has no urn or type`);
            return;
        }
        if (r.delete === true || r.external === true) {
            return;
        }
        const custom = r.custom === true;
        if (custom && typeof r.id !== "string") {
            problems.push(`${at} (${r.urn}) is a custom resource without an id`);
            return;
        }
        const propertyDependencies: Record<string, string[]> = {};
        if (isRecord(r.propertyDependencies)) {
            for (const [k, v] of Object.entries(r.propertyDependencies)) {
                propertyDependencies[k] = strings(v);
            }
        }
        resources.push({
            urn: r.urn,
            type: r.type,
            id: typeof r.id === "string" && r.id !== "" ? r.id : undefined,
            custom,
            inputs: decodePlaintextSecrets(isRecord(r.inputs) ? r.inputs : {}) as Record<string, unknown>,
            outputs: decodePlaintextSecrets(isRecord(r.outputs) ? r.outputs : {}) as Record<string, unknown>,
            parent: typeof r.parent === "string" ? r.parent : undefined,
            dependencies: strings(r.dependencies),
            propertyDependencies,
            protect: r.protect === true,
            retainOnDelete: r.retainOnDelete === true,
            deleteBeforeReplace: r.deleteBeforeReplace === true,
            ignoreChanges: strings(r.ignoreChanges),
            replaceOnChanges: strings(r.replaceOnChanges),
            additionalSecretOutputs: strings(r.additionalSecretOutputs),
            provider: typeof r.provider === "string" ? r.provider : undefined,
        });
    });
    if (problems.length > 0) {
        throw new Error(`${source} is not a valid stack export:\n  - ${problems.join("\n  - ")}`);
    }
    return { source, resources };
}

/** The provider configuration recorded in a state (`aws:region`, `aws:defaultTags` …), as config keys. */
export function providerConfig(state: StackState): Record<string, string> {
    const config: Record<string, string> = {};
    for (const r of state.resources) {
        const m = /^pulumi:providers:(.+)$/.exec(r.type);
        if (!m || !r.urn.split("::").pop()?.startsWith("default")) {
            continue;
        }
        for (const [k, v] of Object.entries(r.inputs)) {
            if (k === "__internal" || k === "version" || isStateSecret(v)) {
                continue;
            }
            config[`${m[1]}:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
        }
    }
    return config;
}

/** Writes a state as `pulumi stack export` does (deployment version 3). */
export function toStackExport(resources: StateResource[], opts: { pulumiVersion: string; time: string }): Record<string, unknown> {
    return {
        version: 3,
        deployment: {
            manifest: { time: opts.time, magic: "", version: `v${opts.pulumiVersion}` },
            // The offline writer encrypts nothing: it writes no secret at all (see secretEnvelope).
            secrets_providers: { type: "offline", state: { note: "secret values are not written; each is an envelope with ciphertext \"[secret]\"" } },
            resources: resources.map(r => {
                const out: Record<string, unknown> = { urn: r.urn, custom: r.custom };
                if (r.id !== undefined) {
                    out.id = r.id;
                }
                out.type = r.type;
                if (r.custom || Object.keys(r.inputs).length > 0) {
                    out.inputs = r.inputs;
                }
                out.outputs = r.outputs;
                if (r.parent) {
                    out.parent = r.parent;
                }
                if (r.protect) {
                    out.protect = true;
                }
                if (r.retainOnDelete) {
                    out.retainOnDelete = true;
                }
                if (r.deleteBeforeReplace) {
                    out.deleteBeforeReplace = true;
                }
                if (r.dependencies.length > 0) {
                    out.dependencies = r.dependencies;
                }
                if (r.provider) {
                    out.provider = r.provider;
                }
                if (Object.keys(r.propertyDependencies).length > 0) {
                    out.propertyDependencies = r.propertyDependencies;
                }
                for (const k of ["ignoreChanges", "replaceOnChanges", "additionalSecretOutputs"] as const) {
                    if (r[k] && r[k].length > 0) {
                        out[k] = r[k];
                    }
                }
                return out;
            }),
        },
    };
}

/** Replaces the values at the given paths (`userData`, `a.b`, `list[0]`, "" for all) with the secret envelope. */
export function envelopePaths(value: Record<string, unknown>, paths: string[]): Record<string, unknown> {
    return replaceSecretPaths(value, paths, secretEnvelope);
}

/** Stack outputs with every secret (anywhere in the value) replaced by the envelope. */
export function envelopeWireSecrets(raw: unknown): unknown {
    return mapValue(raw, v => (hasSdkSignature(v) ? secretEnvelope() : DESCEND));
}

export interface LiveResource extends StateResource {
    /** Paths of inputs that were secret. */
    secretInputs: string[];
}

/**
 * The state a `pulumi up` leaves, with no secret value in it: secret inputs, the outputs of the same names,
 * `additionalSecretOutputs` and opaque secrets from an earlier state all become the envelope. Default providers
 * are written as the engine writes them (`pulumi:providers:<pkg>::default`), with the stack's provider config.
 */
export function buildState(opts: {
    stack: string; project: string; config: Record<string, string>; resources: LiveResource[]; stackOutputs: Record<string, unknown>;
    providerVersions: Record<string, string>;
}): StateResource[] {
    const { stack, project } = opts;
    const providers = new Map<string, StateResource>();
    const providerRef = (pkg: string): string => {
        let p = providers.get(pkg);
        if (!p) {
            const version = opts.providerVersions[pkg] ?? "0.0.0";
            const urn = `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default_${version.replace(/\./g, "_")}`;
            const inputs: Record<string, unknown> = { version };
            for (const [k, v] of Object.entries(opts.config)) {
                if (k.startsWith(`${pkg}:`)) {
                    inputs[k.slice(pkg.length + 1)] = v;
                }
            }
            const id = `offline-${pkg}-provider`;
            p = { urn, type: `pulumi:providers:${pkg}`, id, custom: true, inputs, outputs: { ...inputs }, dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false };
            providers.set(pkg, p);
        }
        return `${p.urn}::${p.id}`;
    };
    const out: StateResource[] = [];
    for (const r of opts.resources) {
        const { secretInputs, ...rest } = r;
        const secretTop = new Set(secretInputs.map(p => p.split(/[.[]/)[0]));
        const secretOutputs = [...secretTop, ...(r.additionalSecretOutputs ?? [])].filter(k => k in r.outputs);
        const res: StateResource = {
            ...rest,
            inputs: envelopePaths(r.inputs, secretInputs),
            outputs: r.type === "pulumi:pulumi:Stack" ? envelopeWireSecrets(opts.stackOutputs) as Record<string, unknown> : envelopePaths(r.outputs, secretOutputs),
        };
        if (r.custom && !r.type.startsWith("pulumi:providers:")) {
            res.provider = providerRef(r.type.split(":")[0]);
        }
        out.push(res);
    }
    // Providers come first, as in a real export (resources reference them).
    const stackIndex = out.findIndex(r => r.type === "pulumi:pulumi:Stack");
    out.splice(stackIndex + 1, 0, ...providers.values());
    return out;
}
