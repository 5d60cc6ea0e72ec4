// Calls a policy's validateResource / validateStack directly, with arguments built the way the SDK's
// Analyze / AnalyzeStack handlers build them (node_modules/@pulumi/policy/server.js): properties go through
// a protobuf Struct and the SDK's deserializeProperties, then unknownCheckingProxy, so preview unknowns
// behave exactly as in the real pack (reading one throws UnknownValueError).
import * as structpb from "google-protobuf/google/protobuf/struct_pb";
import {
    PolicyProviderResource,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
    UnknownValueError,
} from "@pulumi/policy";

const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(props: structpb.Struct, proxySecrets: boolean): Record<string, unknown>;
};

/** What the engine sends for any value that is unknown during preview (a string, whatever the type). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const STACK = "urn:pulumi:dev::ec2-server";
export const urnOf = (type: string, name: string): string => `${STACK}::${type}::${name}`;

/** The aws provider as the engine sends it, with optional provider properties (region, defaultTags, ...). */
export function awsProvider(props: Record<string, unknown> = {}): ProviderInput {
    return { type: "pulumi:providers:aws", name: "default", urn: `${STACK}::pulumi:providers:aws::default`, props };
}

export interface ProviderInput {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
}

export interface ResourceInput {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    provider?: ProviderInput;
    /** Policy config properties as the SDK's getConfig returns them (what the CLI sent in Configure). */
    config?: Record<string, unknown>;
}

/** Plain JSON as the engine marshals it: undefined object members dropped, undefined array items null. */
function toJson(value: unknown): structpb.JavaScriptValue | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (Array.isArray(value)) {
        return value.map(v => toJson(v) ?? null);
    }
    if (value !== null && typeof value === "object") {
        const result: Record<string, structpb.JavaScriptValue> = {};
        for (const [k, v] of Object.entries(value)) {
            const converted = toJson(v);
            if (converted !== undefined) {
                result[k] = converted;
            }
        }
        return result;
    }
    return value as structpb.JavaScriptValue;
}

/** Resource properties as a policy sees them: deserialized from a Struct and wrapped in the unknown-checking proxy. */
export function asSdkProps(props: Record<string, unknown>): Record<string, unknown> {
    const struct = structpb.Struct.fromJavaScript(toJson(props) as Record<string, structpb.JavaScriptValue>);
    return unknownCheckingProxy(deserializeProperties(struct, false));
}

function asSdkProvider(p: ProviderInput | undefined): PolicyProviderResource | undefined {
    return p === undefined ? undefined : { type: p.type, name: p.name, urn: p.urn, props: asSdkProps(p.props) };
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/** What one validation produced. */
export interface Outcome {
    messages: string[];
    /** Set when the policy declared itself not applicable, with its reason. */
    notApplicable?: string;
}

async function run(policyName: string, fn: () => void | Promise<void>, messages: string[]): Promise<Outcome> {
    try {
        await fn();
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { messages, notApplicable: e.message };
        }
        if (e instanceof UnknownValueError) {
            // What the SDK reports when a policy lets an unknown value escape; a test seeing it fails.
            return { messages: [...messages, `can't run policy '${policyName}' during preview: ${(e as Error).message}`] };
        }
        throw e;
    }
    return { messages };
}

/** Runs a resource policy's validations on one resource; returns the messages it reported. */
export async function validateResourceDetailed(policy: ResourceValidationPolicy, r: ResourceInput): Promise<Outcome> {
    const props = asSdkProps(r.props);
    const name = r.name ?? "res";
    const messages: string[] = [];
    const report: ReportViolation = (message: string) => {
        messages.push(message);
    };
    const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: urnOf(r.type, name),
        name,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        provider: asSdkProvider(r.provider),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (r.config ?? {}) as T,
        notApplicable,
    };
    const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    return run(policy.name, async () => {
        for (const v of validations) {
            await v(args, report);
        }
    }, messages);
}

/** The messages a resource policy reports for one resource. */
export async function validateResource(policy: ResourceValidationPolicy, r: ResourceInput): Promise<string[]> {
    return (await validateResourceDetailed(policy, r)).messages;
}

export interface StackResourceInput {
    type: string;
    name: string;
    /** Outputs of the resource (AnalyzeStack sees outputs). */
    props: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface StackViolation {
    message: string;
    urn?: string;
}

/** Runs a stack policy on resources, resolving parent/dependencies to resource objects as the SDK does. */
export async function validateStackDetailed(
    policy: StackValidationPolicy,
    resources: StackResourceInput[],
    config?: Record<string, unknown>,
): Promise<{ violations: StackViolation[]; notApplicable?: string }> {
    const built = resources.map(r => ({
        input: r,
        resource: {
            type: r.type,
            props: asSdkProps(r.props),
            urn: urnOf(r.type, r.name),
            name: r.name,
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        } as PolicyResource,
    }));
    const byUrn = new Map(built.map(b => [b.resource.urn, b.resource]));
    const resolve = (urns: string[]) => urns.map(u => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
    for (const { input, resource } of built) {
        if (input.parent !== undefined) {
            resource.parent = byUrn.get(input.parent);
        }
        resource.dependencies = resolve(input.dependencies ?? []);
        for (const [k, urns] of Object.entries(input.propertyDependencies ?? {})) {
            resource.propertyDependencies[k] = resolve(urns);
        }
    }
    const violations: StackViolation[] = [];
    const report: ReportViolation = (message: string, urn?: string) => {
        violations.push(urn === undefined ? { message } : { message, urn });
    };
    const args: StackValidationArgs = {
        resources: built.map(b => b.resource),
        stackTags: new Map(),
        getConfig: <T extends object>() => (config ?? {}) as T,
        notApplicable,
    };
    const messages: string[] = [];
    const outcome = await run(policy.name, () => policy.validateStack(args, report), messages);
    return {
        violations: [...violations, ...outcome.messages.map(message => ({ message }))],
        ...(outcome.notApplicable !== undefined ? { notApplicable: outcome.notApplicable } : {}),
    };
}

/** The violations a stack policy reports. */
export async function validateStack(policy: StackValidationPolicy, resources: StackResourceInput[]): Promise<StackViolation[]> {
    return (await validateStackDetailed(policy, resources)).violations;
}

/** The pack's policies with their default enforcement levels, in policies/index.ts order. */
export const EXPECTED_POLICIES: { name: string; enforcementLevel: "advisory" | "mandatory" }[] = [
    { name: "ec2-no-ssh-from-internet", enforcementLevel: "mandatory" },
    { name: "ec2-no-rdp-from-internet", enforcementLevel: "mandatory" },
    { name: "ec2-no-all-traffic-from-internet", enforcementLevel: "mandatory" },
    { name: "ec2-no-risky-ports-from-internet", enforcementLevel: "advisory" },
    { name: "nacl-no-admin-ports-from-internet", enforcementLevel: "mandatory" },
    { name: "vpc-default-security-group-closed", enforcementLevel: "advisory" },
    { name: "ec2-imdsv2-required", enforcementLevel: "mandatory" },
    { name: "ebs-encryption-required", enforcementLevel: "mandatory" },
    { name: "ec2-no-public-ip", enforcementLevel: "advisory" },
    { name: "vpc-subnet-no-auto-public-ip", enforcementLevel: "advisory" },
    { name: "ec2-allowed-instance-types", enforcementLevel: "mandatory" },
    { name: "required-tags", enforcementLevel: "advisory" },
    { name: "sg-rule-description-required", enforcementLevel: "advisory" },
    { name: "sg-no-mixed-inline-and-standalone-rules", enforcementLevel: "mandatory" },
    { name: "autoscaling-group-multi-az", enforcementLevel: "mandatory" },
    { name: "autoscaling-group-launch-template", enforcementLevel: "mandatory" },
    { name: "autoscaling-group-elb-health-check", enforcementLevel: "advisory" },
    { name: "alb-http-redirects-to-https", enforcementLevel: "advisory" },
    { name: "alb-drop-invalid-header-fields", enforcementLevel: "mandatory" },
    { name: "ec2-no-secrets-in-user-data", enforcementLevel: "mandatory" },
];
