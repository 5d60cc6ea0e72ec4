/**
 * One offline `pulumi up`: the program's registrations, played against the AWS model and, when given, a stack's
 * state. Each resource gets the operation the engine would choose (create, same, update, replace, delete) with
 * its property diffs; what AWS or the engine would refuse is collected before anything "runs"; and the world
 * after the up (and after a refresh) can be written as a stack export.
 *
 * Rules live in offline/lifecycle.ts (diff) and offline/lifecycle-rules.ts (read-back, updates, deletes), with each
 * type's own part in its module (offline/aws/registry.ts).
 */
import { AwsModel, ACCOUNT_ID, unwrapSecrets } from "./aws/model";
import { INSTANCE } from "./aws/tokens";
import { applyIgnoreChanges, diffResource, keepOldDefaults, Op, PropertyDiff } from "./lifecycle";
import {
    applyUpdate, attachmentStopsServer, AwsRejection, deleteFate, deleteRefusal, readBack, refreshInputs, replaceNotes, WorldFacts,
} from "./lifecycle-rules";
import type { PlanResourceOptions } from "./plan/format";
import { isStateSecret, StateResource } from "./state";
import { deepEqual, DESCEND, mapValue } from "../lib/values";
import { getPath, parsePath } from "./paths";
import { SECRET_PLACEHOLDER } from "./plan/format";
import { wireSecret } from "./sdk-shims";

export interface RegisterArgs {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    /** Inputs as the program sent them (secret wrappers intact: the model unwraps them). */
    rawInputs: Record<string, unknown>;
    /** Inputs with secrets unwrapped. */
    inputs: Record<string, unknown>;
    secretInputs: string[];
    options: PlanResourceOptions;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider?: string;
}

export interface Step {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    op: Op;
    /** The id before the operation (update, replace, delete, same). */
    oldId?: string;
    /** The id after it (create, update, replace, same). */
    id?: string;
    diffs: PropertyDiff[];
    /** What AWS does and what happens to data and addresses. */
    notes: string[];
    /** Properties that could not be compared offline (secrets the state holds encrypted). */
    unverified: string[];
    /** Paths of inputs that are secret (their values are never shown). */
    secretInputs: string[];
}

export interface Refusal {
    urn: string;
    message: string;
    source: string;
}

/** A resource as it stands after the up, with the paths of its secret inputs. */
interface Live extends StateResource {
    secretInputs: string[];
}

export interface DeploymentOptions {
    /** The provider's defaultTags (tags only). */
    defaultTags?: Record<string, string>;
    /** The stack's state before the up; without it, everything is created. */
    prior?: StateResource[];
}

export class Deployment {
    readonly steps: Step[] = [];
    readonly refusals: Refusal[] = [];
    private readonly prior = new Map<string, StateResource>();
    private readonly live = new Map<string, Live>();
    private readonly facts: WorldFacts;
    private finished = false;

    constructor(readonly model: AwsModel, private readonly opts: DeploymentOptions = {}) {
        for (const r of opts.prior ?? []) {
            this.prior.set(r.urn, r);
            if (r.custom && r.id !== undefined && !r.type.startsWith("pulumi:providers:")) {
                model.seed(r.type, r.id, r.inputs, r.outputs);
            }
        }
        this.facts = {
            region: model.region,
            partition: model.partition,
            accountId: ACCOUNT_ID,
            defaultTags: opts.defaultTags ?? {},
            amiRootSizeGiB: (id: string) => model.imageRootSizeGiB(id),
        };
    }

    /** True when the plan runs against a stack's state. */
    get againstState(): boolean {
        return this.prior.size > 0;
    }

    /** The world as it stands: what is live now, plus prior resources not (yet) re-registered. */
    private world(): StateResource[] {
        const out: StateResource[] = [...this.live.values()];
        for (const [urn, r] of this.prior) {
            if (!this.live.has(urn)) {
                out.push(r);
            }
        }
        return out;
    }

    private create(a: RegisterArgs, round: number): { id?: string; outputs: Record<string, unknown> } {
        const result = this.model.withReplacementRound(round, () => this.model.newResource({ type: a.type, name: a.name, inputs: a.rawInputs, custom: a.custom } as never));
        const outputs = unwrapSecrets(result.state) as Record<string, unknown>;
        return { id: result.id, outputs };
    }

    private toLive(a: RegisterArgs, id: string | undefined, outputs: Record<string, unknown>): Live {
        return {
            urn: a.urn, type: a.type, id, custom: a.custom, inputs: a.inputs, outputs, parent: a.parent,
            dependencies: a.dependencies, propertyDependencies: a.propertyDependencies, protect: a.options.protect,
            retainOnDelete: a.options.retainOnDelete, deleteBeforeReplace: a.options.deleteBeforeReplace,
            ignoreChanges: a.options.ignoreChanges, replaceOnChanges: a.options.replaceOnChanges,
            additionalSecretOutputs: a.options.additionalSecretOutputs, provider: a.provider, secretInputs: a.secretInputs,
        };
    }

    /**
     * Registers one resource: decides its operation against the prior state, asks the model (which throws what
     * AWS rejects at create), and returns the id and outputs the program sees.
     */
    register(a: RegisterArgs): { id: string | undefined; state: Record<string, unknown> } {
        const old = this.prior.get(a.urn);
        const step: Step = { urn: a.urn, type: a.type, name: a.name, custom: a.custom, op: "create", diffs: [], notes: [], unverified: [], secretInputs: a.secretInputs };
        let id: string | undefined;
        let outputs: Record<string, unknown>;
        if (!old) {
            ({ id, outputs } = this.create(a, 0));
        } else if (old.type !== a.type) {
            throw new Error(`${a.urn}: the state holds a ${old.type}, the program registers a ${a.type}`);
        } else if (!a.custom) {
            step.op = "same";
            ({ id, outputs } = this.create(a, 0));
        } else {
            // The engine diffs the provider-checked inputs (old autonames kept) with ignoreChanges applied: the old
            // values for the ignored paths (pulumi/pulumi pkg/resource/deploy/step_generator.go, processIgnoreChanges
            // before Check). That is what a same or an update keeps. A replacement is not: continueStepsFromDiff runs
            // Check again on the program's own inputs ("we need to recompute the default values"), so the new
            // resource gets the program's value of every ignored path and a new autoname. `pulumi up --replace`
            // (isTargetedReplace) checks the program's inputs from the start: the same.
            const program = a;
            a = {
                ...a,
                inputs: applyIgnoreChanges(keepOldDefaults(a.inputs, old.inputs), old.inputs, a.options.ignoreChanges),
                rawInputs: applyIgnoreChanges(keepOldDefaults(a.rawInputs, old.inputs), old.inputs, a.options.ignoreChanges),
            };
            const diff = diffResource(old, a.inputs, { ignoreChanges: a.options.ignoreChanges, replaceOnChanges: a.options.replaceOnChanges, defaultTags: this.opts.defaultTags });
            if (diff.replace) {
                a = program;
            }
            step.oldId = old.id;
            step.diffs = diff.changes;
            step.unverified = diff.unverified;
            if (diff.changes.length === 0) {
                step.op = "same";
                id = old.id;
                outputs = old.outputs;
            } else if (!diff.replace) {
                step.op = "update";
                id = old.id;
                try {
                    const effect = applyUpdate(old, a.inputs, diff.changes.map(c => c.path), this.world());
                    outputs = effect.outputs;
                    step.notes.push(...effect.notes);
                } catch (err) {
                    if (!(err instanceof AwsRejection)) {
                        throw err;
                    }
                    this.refusals.push({ urn: a.urn, message: err.message, source: err.source });
                    outputs = old.outputs;
                }
            } else {
                step.op = "replace";
                const refusal = deleteRefusal(old, this.world(), new Set(), true, a.options.protect);
                if (refusal) {
                    this.refusals.push({ urn: a.urn, ...refusal });
                }
                if (a.options.deleteBeforeReplace && old.id !== undefined) {
                    this.model.release(a.type, old.id, old.inputs, old.outputs);
                }
                try {
                    ({ id, outputs } = this.create(a, 1));
                } catch (err) {
                    // What AWS rejects when creating the replacement (an Elastic IP the old NAT gateway still holds …)
                    // fails the real `up` halfway: report it before anything runs, as for any other refusal.
                    this.refusals.push({ urn: a.urn, message: `creating the replacement: ${(err as Error).message}`, source: "the AWS model's create-time checks (the type's create in offline/aws/)" });
                    ({ id, outputs } = { id: old.id, outputs: old.outputs });
                }
                step.notes.push(...replaceNotes(old, a.inputs, a.options.deleteBeforeReplace, this.world()));
                step.notes.push(...ignoredOnReplace(old, a));
            }
        }
        step.id = id;
        const live = this.toLive(a, id, outputs);
        if (a.custom) {
            live.outputs = readBack(live, this.world(), this.facts);
        }
        this.live.set(a.urn, live);
        this.steps.push(step);
        // The engine keeps an output secret when the input of the same name was secret. A secret the state holds
        // encrypted reaches the program as a secret whose value is "[secret]": offline nothing can decrypt it.
        const secretKeys = new Set(a.secretInputs.map(p => p.split(/[.[]/)[0]));
        const state = Object.fromEntries(Object.entries(live.outputs).map(([k, v]) => [k, secretKeys.has(k) || k === "" ? wireSecret(v) : v]));
        return { id, state: opaqueSecretsToWire(state) as Record<string, unknown> };
    }

    /**
     * After the program has registered everything: the prior resources it no longer registers are deleted,
     * and the effects of deletes and replacements on what stays (a detach that stops a server) are applied.
     */
    finish(): void {
        if (this.finished) {
            return;
        }
        this.finished = true;
        const deleting = new Set<string>();
        for (const [urn, r] of this.prior) {
            if (!this.live.has(urn) && !r.type.startsWith("pulumi:providers:")) {
                deleting.add(urn);
            }
        }
        const replaced = new Set(this.steps.filter(s => s.op === "replace").map(s => s.urn));
        const world = this.world();
        for (const urn of deleting) {
            const r = this.prior.get(urn)!;
            const step: Step = { urn, type: r.type, name: urn.split("::").pop() ?? urn, custom: r.custom, op: "delete", oldId: r.id, diffs: [], notes: [], unverified: [], secretInputs: [] };
            const refusal = deleteRefusal(r, world, deleting, false);
            if (refusal) {
                this.refusals.push({ urn, ...refusal });
            }
            const fate = r.custom ? deleteFate(r) : undefined;
            if (fate) {
                step.notes.push(fate);
            }
            this.steps.push(step);
        }
        // Deleting or replacing an attachment with stopInstanceBeforeDetaching stops its server, which stays stopped.
        for (const urn of [...deleting, ...replaced]) {
            const r = this.prior.get(urn)!;
            if (!attachmentStopsServer(r)) {
                continue;
            }
            const instance = [...this.live.values()].find(x => x.type === INSTANCE && x.id === r.outputs.instanceId);
            if (instance) {
                instance.outputs = { ...instance.outputs, instanceState: "stopped" };
                const step = this.steps.find(s => s.urn === urn)!;
                step.notes.push(`stops ${instance.id} to detach ${r.outputs.volumeId} (stopInstanceBeforeDetaching), and nothing starts it again: the server is left stopped (terraform-provider-aws internal/service/ec2/ebs_volume_attachment.go resourceVolumeAttachmentDelete)`);
            }
        }
    }

    /** The stack's resources after the up, as the engine would store them (before any refresh). */
    afterUp(): (StateResource & { secretInputs: string[] })[] {
        this.finish();
        return [...this.live.values()].map(r => structuredClone(r));
    }

    /** The stack's resources after the up and a `pulumi refresh`: every resource read back from AWS. */
    afterRefresh(): (StateResource & { secretInputs: string[] })[] {
        return refresh(this.afterUp(), this.facts) as (StateResource & { secretInputs: string[] })[];
    }

    /** The facts the read-back rules use (region, partition, default tags, AMI sizes). */
    get worldFacts(): WorldFacts {
        return this.facts;
    }
}

/** Encrypted state secrets (no plaintext) as SDK wire secrets holding the "[secret]" placeholder. */
function opaqueSecretsToWire(value: unknown): unknown {
    return mapValue(value, v => (isStateSecret(v) ? wireSecret(typeof v.plaintext === "string" ? JSON.parse(v.plaintext) : SECRET_PLACEHOLDER) : DESCEND));
}

/** A `pulumi refresh`: each resource's outputs (and the inputs it set) as AWS reports them now. */
export function refresh<T extends StateResource>(resources: T[], facts: WorldFacts): T[] {
    return resources.map(r => {
        if (!r.custom || r.type.startsWith("pulumi:providers:")) {
            return r;
        }
        const outputs = readBack(r, resources, facts);
        return { ...r, outputs, inputs: refreshInputs(r.inputs, outputs) };
    });
}

/**
 * The ignored paths whose program value differs from the old one: a replacement is created with the program's value
 * (continueStepsFromDiff), which `pulumi preview` does not show among its diffs.
 */
function ignoredOnReplace(old: StateResource, a: RegisterArgs): string[] {
    const notes: string[] = [];
    for (const p of a.options.ignoreChanges) {
        const segs = parsePath(p);
        const before = getPath(old.inputs, segs);
        const after = getPath(a.inputs, segs);
        if (!segs.includes("*") && after !== undefined && !deepEqual(before, after)) {
            notes.push(`${p}: the replacement is created with the program's ${JSON.stringify(after)}, not the ${JSON.stringify(before)} that ignoreChanges kept: ignoreChanges does not reach a replacement, and \`pulumi preview\` does not list this change (pulumi/pulumi pkg/resource/deploy/step_generator.go continueStepsFromDiff)`);
        }
    }
    return notes;
}
