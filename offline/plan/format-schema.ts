/**
 * The plan file (offline/plan/format.ts) as schemas, and the reader's check: format.ts parsePlan loads this module
 * when first called, so what loads the format for its types, constants and renderValue does not load valibot.
 *
 * Every problem is reported at once, in the order of the format: the header fields; each resource's fields, then,
 * for a resource whose fields are well-formed, its URN against the plan and its own fields, then the fields of a plan
 * against a state (op, diffs, notes); the URNs across resources (unique, and every parent and dependency in the
 * file); then outputs, policy, notVerified and providers.
 */
import * as v from "valibot";
import { mapping, shape, validate, whole, type Problem } from "../../lib/schema";
import { isRecord, isStringArray } from "../../lib/values";
import {
    ENFORCEMENT_LEVELS, PLAN_FORMAT_VERSION, PLAN_OPS, PlanFormatError, parseUrn,
    type Plan, type PlanAssumption, type PlanDiff, type PlanOp, type PlanPolicyDiagnostic, type PlanPolicyResult,
    type PlanProviders, type PlanResource, type PlanResourceOptions,
} from "./format";

const nonEmptyString = v.pipe(v.string("must be a non-empty string"), v.minLength(1, "must be a non-empty string"));
const object = (message: string) => v.custom<Record<string, unknown>>(isRecord, message);
/** A list of strings, copied; `message` is for the list as a whole. */
const strings = (message: string) => v.pipe(v.custom<string[]>(isStringArray, message), v.transform(list => [...list]));
const level = v.picklist(ENFORCEMENT_LEVELS);

/** The header: what every plan says first. */
const HEADER = shape({
    version: v.literal(PLAN_FORMAT_VERSION, issue => `must be ${PLAN_FORMAT_VERSION} (got ${JSON.stringify(issue.input)})`),
    project: nonEmptyString,
    stack: nonEmptyString,
    region: nonEmptyString,
}, "");

const OPTIONS: v.GenericSchema<unknown, PlanResourceOptions> = shape({
    protect: v.optional(v.boolean("must be a boolean"), false),
    retainOnDelete: v.optional(v.boolean("must be a boolean"), false),
    deleteBeforeReplace: v.optional(v.boolean("must be a boolean"), false),
    ignoreChanges: v.optional(strings("must be an array of strings"), () => []),
    replaceOnChanges: v.optional(strings("must be an array of strings"), () => []),
    additionalSecretOutputs: v.optional(strings("must be an array of strings"), () => []),
}, "must be an object");

/** A resource, as every plan records it. */
const RESOURCE: v.GenericSchema<unknown, Omit<PlanResource, "op" | "diffs" | "notes">> = shape({
    urn: nonEmptyString,
    type: nonEmptyString,
    name: nonEmptyString,
    custom: v.boolean("must be a boolean"),
    parent: v.optional(v.nullable(v.string("must be a URN string or null")), null),
    dependencies: v.optional(strings("must be an array of URN strings"), () => []),
    inputs: object("must be an object"),
    options: v.optional(OPTIONS, () => v.parse(OPTIONS, {})),
}, "is not an object");

const DIFF = v.object({ path: v.string(), kind: v.picklist(["add", "update", "delete"]), replaces: v.boolean() });

/** What a plan against a stack's state (`plan --state`) adds to a resource. */
const AGAINST_STATE = v.object({
    op: v.optional(v.picklist(PLAN_OPS, issue => `must be one of ${PLAN_OPS.join(", ")} (got ${JSON.stringify(issue.input)})`)),
    diffs: v.optional(v.custom<PlanDiff[]>(x => v.is(v.array(DIFF), x),
        "must be an array of { path, kind: add|update|delete, old?, new?, replaces: boolean, source? }")),
    notes: v.optional(strings("must be an array of strings")),
});

const POLICY: v.GenericSchema<unknown, PlanPolicyResult> = shape({
    policies: v.array(whole(v.object({ name: v.string(), enforcementLevel: level }),
        `must be { name: string, enforcementLevel: ${ENFORCEMENT_LEVELS.join("|")} }`), "must be an array"),
    diagnostics: v.array(whole(v.pipe(
        v.object({ policyName: v.string(), urn: v.nullish(v.string()), enforcementLevel: level, message: v.string() }),
        v.transform(({ urn, ...d }): PlanPolicyDiagnostic => (urn == null ? d : { ...d, urn })),
    ), "must be { policyName, urn?, enforcementLevel, message }"), "must be an array"),
}, "must be an object or null") as v.GenericSchema<unknown, PlanPolicyResult>;

/** What follows the resources. */
const TAIL: v.GenericSchema<unknown, Pick<Plan, "outputs" | "policy" | "notVerified" | "providers">> = v.object({
    outputs: v.optional(object("must be an object"), () => ({})),
    policy: v.nullish(POLICY, null),
    notVerified: v.optional(v.array(whole(v.object({ subject: v.pipe(v.string(), v.minLength(1)), assumed: v.string() }),
        "must be { subject: non-empty string, assumed: string }") as v.GenericSchema<unknown, PlanAssumption>, "must be an array")),
    providers: v.optional(mapping(
        "must be an object of package name to the default provider's configuration",
        object("must be an object of the provider's configuration"),
    ) as v.GenericSchema<unknown, PlanProviders>),
});

/** `resources[0].custom must be a boolean`: a problem as the plan reader words it. */
const say = (p: Problem) => (p.path === "" ? p.message : `${p.path} ${p.message}`);

/** Checks `value` against `schema`, adding its problems under `prefix`: the output, or undefined. */
function check<T>(schema: v.GenericSchema<unknown, T>, value: unknown, prefix: string, problems: string[]): T | undefined {
    const checked = validate(schema, value, prefix);
    if (checked.success) {
        return checked.output;
    }
    problems.push(...checked.problems.map(say));
    return undefined;
}

/** A resource's URN against the plan's stack and project and its own type and name. */
function urnProblems(r: Pick<PlanResource, "urn" | "type" | "name">, at: string, stack: string, project: string): string[] {
    const parsed = parseUrn(r.urn);
    if (!parsed) {
        return [`${at}.urn is not a Pulumi URN: ${r.urn}`];
    }
    return [
        ...(stack && parsed.stack !== stack ? [`${at}.urn is for stack ${parsed.stack}, not ${stack}`] : []),
        ...(project && parsed.project !== project ? [`${at}.urn is for project ${parsed.project}, not ${project}`] : []),
        ...(parsed.type !== r.type ? [`${at}.urn type ${parsed.type} does not match type ${r.type}`] : []),
        ...(parsed.name !== r.name ? [`${at}.urn name ${parsed.name} does not match name ${r.name}`] : []),
    ];
}

/** Unique URNs, and every parent and dependency among them. */
function referenceProblems(resources: PlanResource[]): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of resources) {
        if (seen.has(r.urn)) problems.push(`duplicate urn ${r.urn}`);
        seen.add(r.urn);
    }
    for (const r of resources) {
        if (r.parent !== null && !seen.has(r.parent)) problems.push(`${r.urn}: parent ${r.parent} is not in resources`);
        for (const d of r.dependencies) {
            if (!seen.has(d)) problems.push(`${r.urn}: dependency ${d} is not in resources`);
        }
    }
    return problems;
}

/** Checks a parsed JSON value as a plan; throws PlanFormatError listing every problem. */
export function parsePlan(value: unknown, source: string): Plan {
    if (!isRecord(value)) throw new PlanFormatError(source, ["top level is not a JSON object"]);
    const problems: string[] = [];
    check(HEADER, value, "", problems);
    const project = typeof value.project === "string" ? value.project : "";
    const stack = typeof value.stack === "string" ? value.stack : "";

    // A resource whose own fields are not well-formed is left out of the checks across resources.
    const resources: PlanResource[] = [];
    if (check(v.array(v.unknown(), "must be an array"), value.resources, "resources", problems)) {
        (value.resources as unknown[]).forEach((r, i) => {
            const at = `resources[${i}]`;
            const resource: PlanResource | undefined = check(RESOURCE, r, at, problems);
            if (resource === undefined) return;
            problems.push(...urnProblems(resource, at, stack, project));
            const againstState = check(AGAINST_STATE, r, at, problems);
            for (const key of ["op", "diffs", "notes"] as const) {
                if (againstState?.[key] !== undefined) (resource as Record<typeof key, unknown>)[key] = againstState[key];
            }
            resources.push(resource);
        });
        problems.push(...referenceProblems(resources));
    }
    const tail = check(TAIL, value, "", problems);

    if (problems.length > 0 || tail === undefined) throw new PlanFormatError(source, problems);
    return {
        version: PLAN_FORMAT_VERSION,
        project,
        stack,
        region: value.region as string,
        resources,
        outputs: tail.outputs,
        policy: tail.policy,
        ...(tail.notVerified ? { notVerified: tail.notVerified } : {}),
        ...(tail.providers ? { providers: tail.providers } : {}),
    };
}

export type { PlanOp };
