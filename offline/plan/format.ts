// The offline plan file: what `npm run plan -- --stack <s> --out plan.json` writes and what
// `plan:diff` and `policy:check` read. This module owns its TypeScript types and a validating
// reader that reports every problem at once (like the config loader).
//
// Format (version 1):
// {
//   "version": 1, "project": "ec2-server", "stack": "dev", "region": "ap-northeast-2",
//   "resources": [{
//     "urn": "urn:pulumi:dev::ec2-server::<parent types$>type::name", "type": "aws:ec2/instance:Instance",
//     "name": "server-0", "custom": true, "parent": "urn:…" | null, "dependencies": ["urn:…"],
//     "inputs": { … secrets replaced by "[secret]" … },
//     "options": { "protect": false, "retainOnDelete": false, "deleteBeforeReplace": false,
//                  "ignoreChanges": [], "replaceOnChanges": [], "additionalSecretOutputs": [] },
//     // only in plans against a state (`plan --state`):
//     "op": "create" | "update" | "replace" | "delete" | "same",
//     "diffs": [{ "path", "kind": "add" | "update" | "delete", "old"?, "new"?, "replaces": bool, "source"? }],
//     "notes": ["what AWS does: restarts, data fate, retained resources"]
//   }],
//   "outputs": { … secrets as "[secret]" … },
//   "policy": { "policies": [{ "name", "enforcementLevel" }],
//               "diagnostics": [{ "policyName", "urn"?, "enforcementLevel", "message" }] },
//   "notVerified": [{ "subject": "ami-…", "assumed": "assumed x86_64 …" }],  (optional; offline/facts.ts)
//   "providers": { "aws": { "region": "ap-northeast-2", "defaultTags": { "tags": { … } } }, "tls": {} }
//                (optional: the configuration of each package's default provider, as the policies saw it)
// }
//
// Reader rules: `version`, `project`, `stack`, `region` and `resources` are required; each resource
// needs `urn`, `type`, `name`, `custom` and `inputs`. `parent` defaults to null, `dependencies` to [],
// each option to false / []. `outputs` defaults to {}. `policy` may be absent (null: the pack was not
// run). URNs must be unique and of the form urn:pulumi:<stack>::<project>::…<type>::<name>, and
// every parent / dependency must name a resource in the file. `providers`, when present, maps each package
// name to an object: its default provider's configuration, the stack's `<package>:<key>` values (objects and
// lists parsed from JSON, secrets as "[secret]").
//
// Compatibility: readers of version 1 accept every version 1 plan. A field added later is optional, and its
// absence means the plan was written before it (`notVerified`: nothing said; `providers`: the provider
// configuration is unknown, and policy:check says that policies cannot see it). A change that a version 1 reader
// would misread needs version 2.
import { InputError, readJsonFile } from "../input";
import type * as FormatSchemaModule from "./format-schema";

export const PLAN_FORMAT_VERSION = 1;
/** How secret values appear in plans and in `pulumi preview --json`. */
export const SECRET_PLACEHOLDER = "[secret]";
/** How the Pulumi engine serialises values that are unknown until apply. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const STACK_TYPE = "pulumi:pulumi:Stack";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PlanResourceOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    additionalSecretOutputs: string[];
}

/** The operation a plan against a stack's state (`plan --state`) gives a resource. */
export type PlanOp = "create" | "update" | "replace" | "delete" | "same";
export const PLAN_OPS: readonly PlanOp[] = ["create", "update", "replace", "delete", "same"];

/** One changed property of a resource (plans against a state). Secret values are "[secret]". */
export interface PlanDiff {
    path: string;
    kind: "add" | "update" | "delete";
    old?: unknown;
    new?: unknown;
    /** True when this change forces the replacement (force-new in the provider, or replaceOnChanges). */
    replaces: boolean;
    /** Why it replaces: the provider source of the force-new rule, or "replaceOnChanges". */
    source?: string;
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    /** false for component resources and the stack. */
    custom: boolean;
    parent: string | null;
    dependencies: string[];
    inputs: Record<string, unknown>;
    options: PlanResourceOptions;
    /** With `plan --state`: the operation, the changed properties, and what AWS does (data fate, restarts). */
    op?: PlanOp;
    diffs?: PlanDiff[];
    notes?: string[];
}

export interface PlanPolicy {
    name: string;
    enforcementLevel: EnforcementLevel;
}

export interface PlanPolicyDiagnostic {
    policyName: string;
    /** Absent for stack-level policies. */
    urn?: string;
    enforcementLevel: EnforcementLevel;
    message: string;
}

export interface PlanPolicyResult {
    policies: PlanPolicy[];
    diagnostics: PlanPolicyDiagnostic[];
}

/** An id the offline plan did not look up in AWS, and what it took it to be (offline/facts.ts). */
export interface PlanAssumption {
    subject: string;
    assumed: string;
}

/** The configuration of each package's default provider (`aws`: region, defaultTags, …), by package name. */
export type PlanProviders = Record<string, Record<string, unknown>>;

export interface Plan {
    version: 1;
    project: string;
    stack: string;
    region: string;
    resources: PlanResource[];
    outputs: Record<string, unknown>;
    /** null when the plan was written without running the policy pack. */
    policy: PlanPolicyResult | null;
    /** What the plan assumed about ids it could not see (absent: nothing, or a plan written before this field). */
    notVerified?: PlanAssumption[];
    /** The default providers' configuration the policies saw (absent in plans written before this field). */
    providers?: PlanProviders;
}

/** The package of a resource type: `aws` for `aws:ec2/instance:Instance`. */
export function packageOf(type: string): string {
    return type.split(":")[0];
}

/**
 * The configuration of a package's default provider, as the engine builds it from the stack's config: every
 * `<package>:<key>` value, objects and lists parsed from their JSON (config hands them to the program as JSON).
 */
export function providerProperties(pkg: string, config: Record<string, string>): Record<string, unknown> {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(`${pkg}:`)) {
            const name = key.slice(pkg.length + 1);
            try {
                properties[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
            } catch {
                properties[name] = value;
            }
        }
    }
    return properties;
}

/** A package's default provider as the policies see it: the resource the engine registers for it, with its config. */
export function defaultProviderResource(pkg: string, stack: string, project: string, properties: Record<string, unknown>): {
    type: string; name: string; urn: string; properties: Record<string, unknown>;
} {
    return { type: `pulumi:providers:${pkg}`, name: "default", urn: `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default`, properties };
}

/** How long a rendered value may get. */
const MAX_VALUE_CHARS = 160;

/** Compact, bounded rendering of a value; never expands "[secret]". */
export function renderValue(v: unknown): string {
    if (v === undefined) return "(none)";
    if (v === UNKNOWN_SENTINEL) return "(unknown until apply)";
    if (v === SECRET_PLACEHOLDER) return "[secret]";
    const s = JSON.stringify(v, (_k, x: unknown) => (x === UNKNOWN_SENTINEL ? "(unknown)" : x)) ?? String(v);
    return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}… (${s.length} chars)` : s;
}

/** Thrown by parsePlan with every problem found. */
export class PlanFormatError extends InputError {
    constructor(
        public readonly source: string,
        public readonly problems: string[],
    ) {
        super(`${source} is not a valid plan file (version ${PLAN_FORMAT_VERSION}):\n  - ${problems.join("\n  - ")}`);
        this.name = "PlanFormatError";
    }
}

/** Splits a URN into its parts; undefined if it is not a Pulumi URN. */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; type: string; name: string } | undefined {
    const m = /^urn:pulumi:(.+?)::(.+?)::(.+?)::(.*)$/s.exec(urn);
    if (!m) return undefined;
    const qualifiedType = m[3];
    const type = qualifiedType.split("$").pop() ?? qualifiedType;
    return { stack: m[1], project: m[2], qualifiedType, type, name: m[4] };
}

/** Checks a parsed JSON value as a plan (offline/plan/format-schema.ts, loaded at first call); throws PlanFormatError listing every problem. */
export function parsePlan(value: unknown, source = "plan"): Plan {
    return (require("./format-schema") as typeof FormatSchemaModule).parsePlan(value, source);
}

/** Reads and validates a plan file; InputError / PlanFormatError on any problem (exit 2). */
export function readPlanFile(file: string): Plan {
    return parsePlan(readJsonFile(file), file);
}
