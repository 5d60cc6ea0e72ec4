/**
 * The resources `policy:check` gives the policy pack, read from any of three documents (auto-detected):
 *   (a) `pulumi stack export` output   { version: 3, deployment: { resources: [...] } }   (inputs are used)
 *   (b) `pulumi preview --json` output { steps: [{ op, urn, newState: {...} }], changeSummary, ... }
 *   (c) an offline plan file           { version: 1, project, stack, resources: [...] }  (offline/plan/format.ts)
 * Custom resources only; the stack, components and providers are skipped, and so are resources a preview deletes
 * (delete, discard, delete-replaced, ...) or only reads. Values the engine cannot see are the engine's "unknown"
 * sentinel, as policies meet computed values during preview: ciphertext secrets in a stack export, and "[secret]" in
 * previews and plans. Plaintext secrets (`pulumi stack export --show-secrets`) are decoded. A resource's `provider`
 * reference is resolved to the provider resource in the same file; a plan file's recorded `providers` give each
 * resource its default provider, as `npm run plan` gave it to the policies. Pure: no I/O.
 */
import { InputError } from "../input";
import { defaultProviderResource, packageOf, parsePlan, parseUrn, Plan, SECRET_PLACEHOLDER, STACK_TYPE, UNKNOWN_SENTINEL } from "../plan/format";
import { isSdkSecret } from "../sdk-shims";
import { DESCEND, isRecord, mapValue } from "../../lib/values";
import type { PolicyResource } from "./analyzer";

export type InputFormat = "stack-export" | "preview" | "plan";

/** Preview step ops whose resource is not (or no longer) registered by the program. */
const SKIPPED_OPS = new Set([
    "delete",
    "discard",
    "delete-replaced",
    "discard-replaced",
    "remove-pending-replace",
    "read",
    "read-replacement",
    "read-discard",
    "refresh",
]);

/** Detects which of the three formats a parsed JSON document is. Throws InputError if none. */
export function detectFormat(doc: unknown): InputFormat {
    if (isRecord(doc)) {
        if (isRecord(doc.deployment) && typeof doc.version === "number") {
            if (doc.version !== 3) throw new InputError(`unsupported stack export version ${doc.version} (expected 3)`);
            return "stack-export";
        }
        if (Array.isArray(doc.steps) || isRecord(doc.changeSummary)) return "preview";
        if (doc.version === 1 && typeof doc.project === "string" && Array.isArray(doc.resources)) return "plan";
    }
    throw new InputError(
        "cannot detect the input format: expected `pulumi stack export` output (version 3), `pulumi preview --json` output, or a plan file (version 1)",
    );
}

/** Decodes state secrets: plaintext is parsed, ciphertext becomes the unknown sentinel. */
export function decodeStateValue(value: unknown): unknown {
    return mapValue(value, v => {
        if (!isSdkSecret(v)) return DESCEND;
        if (typeof v.plaintext === "string") {
            try {
                return decodeStateValue(JSON.parse(v.plaintext) as unknown);
            } catch {
                return UNKNOWN_SENTINEL;
            }
        }
        return UNKNOWN_SENTINEL;
    });
}

/** Replaces the "[secret]" mask of previews and plans with the unknown sentinel. */
export function unmaskSecrets(value: unknown): unknown {
    return mapValue(value, v => (v === SECRET_PLACEHOLDER ? UNKNOWN_SENTINEL : DESCEND));
}

function isProviderType(type: string): boolean {
    return type.startsWith("pulumi:providers:");
}

function nameOf(urn: string): string {
    return parseUrn(urn)?.name ?? urn;
}

/** The URN part of a provider reference "<urn>::<id>". */
export function providerUrn(ref: string): string {
    const i = ref.lastIndexOf("::");
    return i > 0 ? ref.slice(0, i) : ref;
}

interface StateLike {
    urn: string;
    type: string;
    custom: boolean;
    parent?: string;
    provider?: string;
    inputs: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    additionalSecretOutputs?: string[];
    aliases?: string[];
}

function asStateLike(raw: unknown, where: string, decode: (v: unknown) => unknown): StateLike {
    if (!isRecord(raw) || typeof raw.urn !== "string" || typeof raw.type !== "string") {
        throw new InputError(`${where} is not a resource (needs urn and type)`);
    }
    const strings = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
    const propDeps = isRecord(raw.propertyDependencies)
        ? Object.fromEntries(Object.entries(raw.propertyDependencies).map(([k, v]) => [k, strings(v) ?? []]))
        : undefined;
    return {
        urn: raw.urn,
        type: raw.type,
        custom: raw.custom === true,
        parent: typeof raw.parent === "string" && raw.parent !== "" ? raw.parent : undefined,
        provider: typeof raw.provider === "string" && raw.provider !== "" ? raw.provider : undefined,
        inputs: isRecord(raw.inputs) ? (decode(raw.inputs) as Record<string, unknown>) : {},
        dependencies: strings(raw.dependencies),
        propertyDependencies: propDeps,
        protect: typeof raw.protect === "boolean" ? raw.protect : undefined,
        ignoreChanges: strings(raw.ignoreChanges),
        deleteBeforeReplace: typeof raw.deleteBeforeReplace === "boolean" ? raw.deleteBeforeReplace : undefined,
        additionalSecretOutputs: strings(raw.additionalSecretOutputs),
        aliases: strings(raw.aliases),
    };
}

/** Builds the runner's resources from state-like records, resolving providers among them. */
function toPolicyResources(states: StateLike[], notes: string[]): PolicyResource[] {
    const providers = new Map(states.filter((s) => isProviderType(s.type)).map((s) => [s.urn, s]));
    const missing = new Set<string>();
    const out: PolicyResource[] = [];
    for (const s of states) {
        if (!s.custom || s.type === STACK_TYPE || isProviderType(s.type)) continue;
        const r: PolicyResource = { urn: s.urn, type: s.type, name: nameOf(s.urn), properties: s.inputs };
        if (s.parent) r.parent = s.parent;
        if (s.dependencies) r.dependencies = s.dependencies;
        if (s.propertyDependencies) r.propertyDependencies = s.propertyDependencies;
        const options: NonNullable<PolicyResource["options"]> = {};
        if (s.protect !== undefined) options.protect = s.protect;
        if (s.ignoreChanges) options.ignoreChanges = s.ignoreChanges;
        if (s.deleteBeforeReplace !== undefined) options.deleteBeforeReplace = s.deleteBeforeReplace;
        if (s.additionalSecretOutputs) options.additionalSecretOutputs = s.additionalSecretOutputs;
        if (s.aliases) options.aliases = s.aliases;
        if (s.parent) options.parent = s.parent;
        if (Object.keys(options).length > 0) r.options = options;
        if (s.provider) {
            const purn = providerUrn(s.provider);
            const p = providers.get(purn);
            if (p) r.provider = { type: p.type, name: nameOf(p.urn), urn: p.urn, properties: p.inputs };
            else missing.add(purn);
        }
        out.push(r);
    }
    for (const m of missing) notes.push(`provider ${m} is not in the input, so policies cannot see its configuration (e.g. defaultTags)`);
    return out;
}

/** (a) `pulumi stack export`: the deployment's resources, minus pending deletes and read-only (external) ones. */
export function resourcesFromStackExport(doc: unknown, notes: string[] = []): PolicyResource[] {
    const deployment = isRecord(doc) && isRecord(doc.deployment) ? doc.deployment : undefined;
    const raw = deployment && Array.isArray(deployment.resources) ? deployment.resources : undefined;
    if (!raw) throw new InputError("stack export has no deployment.resources array");
    const states = raw
        .filter((r: unknown) => !(isRecord(r) && (r.delete === true || r.external === true)))
        .map((r: unknown, i: number) => asStateLike(r, `deployment.resources[${i}]`, decodeStateValue));
    return toPolicyResources(states, notes);
}

/** (b) `pulumi preview --json`: the new state of every step the program keeps (last step per URN wins). */
export function resourcesFromPreview(doc: unknown, notes: string[] = []): PolicyResource[] {
    const steps = isRecord(doc) && Array.isArray(doc.steps) ? doc.steps : [];
    const byUrn = new Map<string, StateLike>();
    let sames = 0;
    steps.forEach((step: unknown, i: number) => {
        if (!isRecord(step) || typeof step.op !== "string") throw new InputError(`steps[${i}] has no op`);
        if (step.op === "same") sames++;
        if (SKIPPED_OPS.has(step.op) || !isRecord(step.newState)) return;
        if (step.newState.delete === true || step.newState.external === true) return;
        const s = asStateLike(step.newState, `steps[${i}].newState`, unmaskSecrets);
        byUrn.delete(s.urn); // keep the order of the last step
        byUrn.set(s.urn, s);
    });
    if (sames === 0) {
        notes.push("the preview lists only changed resources; run `pulumi preview --json --show-sames` to check every resource");
    }
    return toPolicyResources([...byUrn.values()], notes);
}

/**
 * (c) a plan file. Each custom resource gets its package's default provider, with the configuration the plan
 * recorded (`providers`): what `npm run plan` gave the policies, so both give the same verdict. A plan written
 * before plan files recorded it has none, and the notes say so.
 */
export function resourcesFromPlan(plan: Plan, notes: string[] = [], source = "the plan file"): PolicyResource[] {
    if (plan.providers === undefined) {
        notes.push(`${source} records no provider configuration (written before plan files carried it), so policies cannot see aws:defaultTags; write the plan again`);
    }
    const states: StateLike[] = plan.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        custom: r.custom,
        parent: r.parent ?? undefined,
        inputs: unmaskSecrets(r.inputs) as Record<string, unknown>,
        dependencies: r.dependencies,
        protect: r.options.protect,
        ignoreChanges: r.options.ignoreChanges,
        deleteBeforeReplace: r.options.deleteBeforeReplace,
        additionalSecretOutputs: r.options.additionalSecretOutputs,
    }));
    const resources = toPolicyResources(states, notes);
    if (plan.providers !== undefined) {
        const providers = plan.providers;
        const missing = new Set<string>();
        for (const r of resources) {
            const pkg = packageOf(r.type);
            if (pkg in providers) {
                r.provider = defaultProviderResource(pkg, plan.stack, plan.project, unmaskSecrets(providers[pkg]) as Record<string, unknown>);
            } else {
                missing.add(pkg);
            }
        }
        for (const pkg of missing) notes.push(`${source} records no configuration for the ${pkg} provider, so policies cannot see it`);
    }
    return resources;
}

/** Detects the format and converts. Pure: no I/O. */
export function loadResources(doc: unknown, source = "input"): { format: InputFormat; resources: PolicyResource[]; notes: string[] } {
    const format = detectFormat(doc);
    const notes: string[] = [];
    const resources =
        format === "stack-export"
            ? resourcesFromStackExport(doc, notes)
            : format === "preview"
              ? resourcesFromPreview(doc, notes)
              : resourcesFromPlan(parsePlan(doc, source), notes, source);
    return { format, resources, notes };
}
