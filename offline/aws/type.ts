/**
 * What one AWS resource type is to the offline engine and to the simulated provider: everything the model does for it,
 * in one module per type (offline/aws/<service>/<type>.ts), listed in offline/aws/registry.ts. Each rule keeps its
 * citation: the provider pulumi-aws bridges (hashicorp/terraform-provider-aws `internal/service/<svc>/<file>.go` and
 * the function), the Pulumi engine (pulumi/pulumi `pkg/resource/deploy/*.go`) or the AWS API reference.
 *
 * Adding a type: one new module exporting an AwsType, and one line in the registry.
 */
import type { StateResource } from "../state";
import type { ResourceKind } from "./rows";
import type { Props, World } from "./world";

export type { Props };

/** A create as the model receives it (a Pulumi mock's newResource). */
export interface CreateRequest {
    /** The type token. */
    type: string;
    /** The resource's name. */
    name: string;
    /** Inputs as the program sent them (secret wrappers intact: the outputs keep them). */
    inputs: Props;
    /** Inputs with the secret wrappers removed: what the model reasons about. */
    p: Props;
    /** The outputs: the inputs, then `extra`, then the model's region. */
    state(extra: Props): Props;
}

/** What a create gives the engine: the id (undefined for components) and the outputs. */
export interface Created {
    id: string | undefined;
    state: Props;
}

/** The account-wide facts the read-back rules use. */
export interface WorldFacts {
    region: string;
    partition: string;
    accountId: string;
    /** The provider's defaultTags (`aws:defaultTags` → tags). */
    defaultTags: Record<string, string>;
    /** The size of an AMI's root snapshot, when the model knows the image. */
    amiRootSizeGiB(amiId: string): number | undefined;
}

/** One read-back rule, one line each, for docs and notes (READ_BACK_RULES_DOC). */
export interface ReadBackRule {
    type: string;
    property: string;
    rule: string;
    source: string;
}

/** An in-place update as a type's `update` sees it (offline/lifecycle-rules.ts applyUpdate). */
export interface UpdateRequest {
    /** The resource as it is in state. */
    old: StateResource;
    /** The program's new inputs. */
    newInputs: Props;
    /** The changed property paths. */
    changedPaths: string[];
    /** True when `path` or something under it changed. */
    changed(path: string): boolean;
    /** The outputs after the update, to change in place: the old outputs with the new inputs over them. */
    outputs: Props;
    /** What the provider reads with d.Get for what the program does not set (the engine's planned state). */
    planned: Props;
    /** Everything else that exists. */
    world: StateResource[];
    /** The clock. */
    now: Date;
}

/** A refusal by AWS or the engine: its own message, and where the rule comes from. */
export interface Refusal {
    message: string;
    source: string;
}

export interface AwsType {
    /** The Pulumi type token, `aws:ec2/instance:Instance`. */
    readonly token: string;
    /**
     * Its force-new rows, its references and how it is named in messages (offline/force-new.ts); absent for a type
     * whose replacements the table does not cover.
     */
    readonly kind?: ResourceKind;
    /**
     * Optional+Computed attributes: when the program stops setting one, the provider keeps what AWS reports and shows
     * no diff (offline/lifecycle.ts). A row names one attribute exactly ("*" for any list element), never a prefix.
     */
    readonly computed?: readonly string[];
    /**
     * The input pulumi-aws autonames (`<name>-<7 hex>`) when the program sets neither it nor `namePrefix`, and the
     * longest name that holds (offline/provider/aws.ts Check).
     */
    readonly autonamed?: { property: string; maxLength: number };
    /** Outputs a planned update makes unknown until it is applied (the provider's CustomizeDiff SetNewComputed). */
    readonly newComputedOnChange?: readonly string[];
    /** The provider schema has no `tags`/`tags_all`: the provider's defaultTags do not reach it. */
    readonly untagged?: boolean;
    /** Its read-back rules, with sources (READ_BACK_RULES_DOC). */
    readonly readBackRules?: readonly Omit<ReadBackRule, "type">[];

    /** Creates it in the model's world; throws what AWS (or the provider at preview) rejects. */
    create?(w: World, a: CreateRequest): Created;
    /** Makes a resource of a deployed stack exist in the world (`o`: its inputs with its outputs over them). */
    seed?(w: World, id: string, o: Props): void;
    /** Frees what a resource held when it is deleted before its replacement is created (deleteBeforeReplace). */
    release?(w: World, id: string, o: Props): void;
    /** What the provider's Read reports, given everything else that exists: changes `out` (a copy of the outputs). */
    readBack?(out: Props, r: StateResource, world: StateResource[], facts: WorldFacts): void;
    /** Equality as the provider decides it for a property of this type, beyond deep equality; undefined: no rule. */
    equivalent?(path: string, a: unknown, b: unknown): boolean | undefined;
    /** An in-place update as AWS performs it: changes `u.outputs`, returns what AWS does, throws an AwsRejection. */
    update?(u: UpdateRequest): string[];
    /** Why AWS refuses to delete it (after the engine's protect and retainOnDelete), or undefined. */
    deleteRefusal?(r: StateResource, world: StateResource[], deleting: Set<string>): Refusal | undefined;
    /** What deleting it does to data and addresses (shown in the plan and plan:diff). */
    deleteFate?(r: StateResource): string | undefined;
    /**
     * What replacing it does to data and addresses, after the order of the replacement; undefined: the old one's
     * delete fate.
     */
    replaceNotes?(old: StateResource, news: Props, world: StateResource[]): string[] | undefined;
}
