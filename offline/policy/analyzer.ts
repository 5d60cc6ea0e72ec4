/**
 * What the engine and a CrossGuard policy pack exchange, as plain data: the resources it is asked about, the policies it
 * declares and the diagnostics it answers (the Analyzer protocol's messages; offline/policy/pack.ts converts them to and
 * from gRPC). Light: the tools and the plan use these without starting or loading the pack's gRPC client.
 */
import type { EnforcementLevel } from "../plan/format";

export type { EnforcementLevel };

export interface PolicyResource {
    urn: string;
    type: string;
    name: string;
    /** Resource inputs (outputs for analyzeStack). Unknown values may appear as pulumi's unknown sentinel
     * "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; they are sent as is, which is how the engine sends unknowns. */
    properties: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    options?: {
        protect?: boolean;
        ignoreChanges?: string[];
        deleteBeforeReplace?: boolean;
        additionalSecretOutputs?: string[];
        aliases?: string[];
        parent?: string;
    };
    /** e.g. {type: "pulumi:providers:aws", properties: {region: "ap-northeast-2", defaultTags: {tags: {...}}}} */
    provider?: { type: string; name: string; urn: string; properties: Record<string, unknown> };
}

export interface PolicyDiagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn?: string;
}

export interface PolicyInfo {
    name: string;
    displayName?: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties?: Record<string, unknown>; required?: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

/** True when any diagnostic would fail `pulumi preview`/`up` (mandatory; remediate is reported as mandatory). */
export function hasMandatory(diags: PolicyDiagnostic[]): boolean {
    return diags.some(d => d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate");
}
