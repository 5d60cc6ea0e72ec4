/**
 * The offline engine's one public entry: what the command-line tools (tools/) use of it. Tests may import the
 * modules behind it directly.
 *
 * The engine: the program runner and its recording monitor (program.ts, monitor.ts), the deployment against a
 * stack's state (deployment.ts), the diff and the day-2 rules (lifecycle.ts, lifecycle-rules.ts), the AWS model with
 * one module per resource type (aws/, listed in aws/registry.ts), the force-new table (force-new.ts), the plan
 * format, the plan and the plan diff (plan/), the policy host (policy/), the stack-config reader, state and facts,
 * the SDK shims (sdk-shims.ts), the TypeScript loader (register.js) and the simulated providers the real CLI runs
 * (provider/).
 *
 * What loads with this module is light (no SDK, no AWS model, no gRPC): a tool's fast paths, such as `npm run plan`
 * stopping on a bad config in a tenth of a second, must not pay for the rest. The functions marked "loaded at first
 * call" require their module when first called.
 */
import type * as DiffModule from "./plan/diff";
import type * as FactsModule from "./facts";
import type * as ForceNewModule from "./force-new";
import type * as LifecycleRulesModule from "./lifecycle-rules";
import type * as PackModule from "./policy/pack";
import type { Assumption, OfflineFacts } from "./facts";
import type { ResourceKind } from "./force-new";
import type { ReadBackRule } from "./aws/type";
import type { Plan } from "./plan/format";
import type { PlanDiff } from "./plan/diff";
import type { PolicyResource } from "./policy/analyzer";
import type { PolicyConfigFile } from "./policy/config";
import type { PolicyPackProcess } from "./policy/pack";

// Input files and their errors.
export { InputError, readJsonFile } from "./input";

// The stack's configuration, as the Pulumi CLI hands it to the program.
export { parseStackRef, readStackConfig, stackFilePath, toConfigString } from "./stack-config";
export type { StackConfig, StackRef } from "./stack-config";

// The plan file.
export {
    ENFORCEMENT_LEVELS, PLAN_FORMAT_VERSION, PlanFormatError, SECRET_PLACEHOLDER, STACK_TYPE, UNKNOWN_SENTINEL, parsePlan,
    readPlanFile, renderValue,
} from "./plan/format";
export type {
    EnforcementLevel, Plan, PlanAssumption, PlanDiff as PlanPropertyDiff, PlanOp, PlanPolicy, PlanPolicyDiagnostic,
    PlanProviders, PlanResource, PlanResourceOptions,
} from "./plan/format";

// The plan.
export { planStack } from "./plan/run";
export type { PlanOutcome, PlanRefusal, PlanStackOptions, PlannedStack } from "./plan/run";
export { hasInstanceStore, INSTANCE_STORE_NOTE } from "./aws/ec2/instance-store";
export { INSTANCE } from "./aws/tokens";

// The plan diff's data (the diff itself is loaded at first call: diffPlans).
export type {
    ChangedResource, IgnoredChanges, PlanDiff, PolicyDiff, PropertyChange, Refusal, ReplacementVerdict, ResourceRef, Warning,
} from "./plan/diff";

// The policy host: its configuration, what it is asked and what it answers (the pack process is loaded at first call).
export { loadPolicyConfig, parsePolicyConfig, reconcilePolicyConfig } from "./policy/config";
export type { PolicyConfigEntry, PolicyConfigFile } from "./policy/config";
export { hasMandatory } from "./policy/analyzer";
export type { AnalyzerInfo, PolicyDiagnostic, PolicyInfo, PolicyResource } from "./policy/analyzer";
export { decodeStateValue, detectFormat, loadResources, providerUrn, unmaskSecrets } from "./policy/resources";
export type { InputFormat } from "./policy/resources";
export type { PolicyPackProcess };

// Facts about what the offline plan cannot see (loaded at first call).
export type { Assumption, OfflineFacts };

// The real Pulumi CLI against the simulated providers (npm run sim, pulumi:build, bench).
export { findPulumi, pulumiBuildDir, pulumiVersion, REPO_ROOT, simEnv, stackExists, stackFromArgs } from "./provider/cli";

// ---------------------------------------------------------------------------------------------------------------
// Loaded at first call.

let diffModule: typeof DiffModule | undefined;
const diff = () => (diffModule ??= require("./plan/diff") as typeof DiffModule);

/** Compares two plans of the same stack (offline/plan/diff.ts; loads the AWS type registry). */
export function diffPlans(base: Plan, head: Plan): PlanDiff {
    return diff().diffPlans(base, head);
}

/** BASE of a plan diff: a plan file, or a `pulumi stack export` (what is deployed now). */
export function readPlanOrStackExport(file: string): Plan {
    return diff().readPlanOrStackExport(file);
}

/** A `pulumi stack export` as a plan. */
export function planFromStackExport(doc: unknown, source: string): Plan {
    return diff().planFromStackExport(doc, source);
}

let forceNewModule: typeof ForceNewModule | undefined;
const forceNew = () => (forceNewModule ??= require("./force-new") as typeof ForceNewModule);

/** The force-new table: every type's force-new rows, by type token (offline/force-new.ts). */
export function forceNewTable(): Record<string, ResourceKind> {
    return forceNew().RESOURCE_KINDS;
}

/** A type's force-new rows, or undefined for a type the table does not cover. */
export function forceNewKind(type: string): ResourceKind | undefined {
    return forceNew().RESOURCE_KINDS[type];
}

/** What AWS reports back on a read, rule by rule with its source (offline/lifecycle-rules.ts); loaded at first call. */
export function readBackRules(): readonly ReadBackRule[] {
    return (require("./lifecycle-rules") as typeof LifecycleRulesModule).READ_BACK_RULES_DOC;
}

let factsModule: typeof FactsModule | undefined;
const facts = () => (factsModule ??= require("./facts") as typeof FactsModule);

/** Reads and checks a facts file (offline/facts.ts); throws naming every problem. */
export function readFactsFile(file: string): OfflineFacts {
    return facts().readFactsFile(file);
}

/** The "Not verified offline" section of a plan. */
export function renderNotVerified(assumptions: Assumption[]): string {
    return facts().renderNotVerified(assumptions);
}

let packModule: typeof PackModule | undefined;
const pack = () => (packModule ??= require("./policy/pack") as typeof PackModule);

/** Starts the policy pack as the Pulumi CLI does (offline/policy/pack.ts PolicyPackProcess.start; loads gRPC). */
export function startPolicyPack(opts?: Parameters<typeof PackModule.PolicyPackProcess.start>[0]): Promise<PolicyPackProcess> {
    return pack().PolicyPackProcess.start(opts);
}

/** One shot: starts the pack, configures it, analyzes each resource and the stack, and closes it. */
export function checkResources(resources: PolicyResource[], opts?: { policyConfig?: PolicyConfigFile; packDir?: string }): ReturnType<typeof PackModule.checkResources> {
    return pack().checkResources(resources, opts);
}
