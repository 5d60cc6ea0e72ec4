/**
 * A MockMonitor that records what the stock one drops: each resource's parent, dependencies and options
 * (protect, retainOnDelete, deleteBeforeReplace, ignoreChanges, replaceOnChanges, additionalSecretOutputs),
 * which inputs were secret, and the stack's outputs with their secret markers. Claims such as "data volumes
 * survive replacement" or "a new AMI replaces nothing" are proven by asserting on these records.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import type { PlanResourceOptions } from "./plan/format";
import type { AwsModel } from "./aws/model";
import { Deployment, RegisterArgs } from "./deployment";
import { isSdkSecret, useEngineUrns } from "./sdk-shims";

/** A secret as the SDK sends it (offline/sdk-shims.ts secretSignature). */
export function isSecretValue(v: unknown): v is { value: unknown } {
    return isSdkSecret(v);
}

/** Unwraps secret markers anywhere in a value, collecting the paths that were secret. */
export function unwrap(value: unknown, path = "", secrets: string[] = []): unknown {
    if (isSecretValue(value)) {
        secrets.push(path);
        return unwrap(value.value, path, []);
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => unwrap(v, `${path}[${i}]`, secrets));
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, path ? `${path}.${k}` : k, secrets)]));
    }
    return value;
}

/** The resource options the monitor records: the same shape a plan file carries. */
export type ResourceOptionsRecord = PlanResourceOptions;

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    dependencies: string[];
    /** The resources each input was computed from (input name → sorted URNs), as the engine records them. */
    propertyDependencies: Record<string, string[]>;
    /** Inputs as the engine received them, with secrets unwrapped. */
    inputs: Record<string, unknown>;
    /** Paths of inputs that were secret (top-level keys, or deeper paths). */
    secretInputs: string[];
    options: ResourceOptionsRecord;
    id?: string;
    /** State the model returned (outputs). */
    state?: Record<string, unknown>;
}

type Callback = (err: Error | null, resp?: unknown) => void;

interface RegisterRequest {
    getType(): string; getName(): string; getParent(): string; getCustom(): boolean; getObject(): { toJavaScript(): Record<string, unknown> };
    getDependenciesList(): string[]; getProtect(): boolean; getRetainondelete(): boolean; getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[]; getReplaceonchangesList(): string[]; getAdditionalsecretoutputsList(): string[];
    getProvider(): string;
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

interface RegisterResponse { getUrn(): string; getId(): string; getObject(): { toJavaScript(): Record<string, unknown> } }

/**
 * URNs as the engine builds them: a child's type is qualified by its parent's type chain, except that the
 * root stack's type is not part of it (the stock MockMonitor adds `pulumi:pulumi:Stack$`, which real
 * stacks never have, so plans and state exports would not line up).
 */
export function engineUrn(parent: string, type: string, name: string): string {
    let qualified = type;
    if (parent) {
        const parentType = parent.split("::")[2];
        if (parentType !== "pulumi:pulumi:Stack") {
            qualified = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}

export class RecordingMonitor extends MockMonitor {
    readonly records: RecordedResource[] = [];
    /** The stack's outputs as registered, with secret markers intact. */
    stackOutputs?: Record<string, unknown>;
    /** Registrations the model rejected (a real deployment fails on each). */
    readonly errors: { type: string; name: string; message: string }[] = [];

    /** The registration being handed to the base class, which calls `mocks.newResource` synchronously. */
    private pending?: RegisterArgs;

    /**
     * Every registration goes through `deployment` (which decides create, same, update or replace against the
     * stack's state, if any, and asks the model); invokes go to the model.
     */
    constructor(readonly model: AwsModel, readonly deployment: Deployment = new Deployment(model)) {
        super({
            // The engine hands an invoke's error text to the SDK in the gRPC status `details`, which is what the
            // SDK's invoke reports; the stock MockMonitor passes the thrown error as is, so its text would be lost.
            call: args => {
                try {
                    return model.call(args);
                } catch (err) {
                    throw Object.assign(err as Error, { details: (err as Error).message });
                }
            },
            newResource: args => {
                const pending = this.pending;
                this.pending = undefined;
                return pending ? deployment.register(pending) : model.newResource(args);
            },
        });
        // The base class declares newUrn private, so it is replaced on the instance (offline/sdk-shims.ts).
        useEngineUrns(this, engineUrn);
    }

    async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
        const deserialized = pulumi.runtime.deserializeProperties(req.getObject() as never) as Record<string, unknown>;
        const secretInputs: string[] = [];
        const inputs = unwrap(deserialized, "", secretInputs) as Record<string, unknown>;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => {
            propertyDependencies[k] = [...v.getUrnsList()].sort();
        });
        const record: RecordedResource = {
            urn: "",
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent() || undefined,
            dependencies: [...req.getDependenciesList()].sort(),
            propertyDependencies,
            inputs,
            secretInputs,
            options: {
                protect: req.getProtect(),
                retainOnDelete: req.getRetainondelete(),
                deleteBeforeReplace: req.getDeletebeforereplace(),
                ignoreChanges: req.getIgnorechangesList(),
                replaceOnChanges: req.getReplaceonchangesList(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            },
        };
        this.pending = {
            urn: engineUrn(record.parent ?? "", record.type, record.name),
            type: record.type,
            name: record.name,
            custom: record.custom,
            parent: record.parent,
            rawInputs: deserialized,
            inputs,
            secretInputs,
            options: record.options,
            dependencies: record.dependencies,
            propertyDependencies,
            provider: req.getProvider() || undefined,
        };
        // The base class calls mocks.newResource synchronously, before its first await, so `pending` is this one's.
        const registered = super.registerResource(req as never, (err: Error | null, resp?: unknown) => {
            if (!err && resp) {
                const r = resp as RegisterResponse;
                record.urn = r.getUrn();
                record.id = r.getId() || undefined;
                record.state = unwrap(pulumi.runtime.deserializeProperties(r.getObject() as never)) as Record<string, unknown>;
                this.records.push(record);
            } else if (err) {
                this.errors.push({ type: record.type, name: record.name, message: err.message });
            }
            callback(err, resp);
        });
        this.pending = undefined;
        await registered;
    }

    registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } }, callback: Callback): void {
        if (req.getUrn().includes("::pulumi:pulumi:Stack::")) {
            this.stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
        }
        super.registerResourceOutputs(req as never, callback as never);
    }
}
