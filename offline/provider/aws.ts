/**
 * The simulated AWS provider (`pulumi-resource-aws` for the real Pulumi CLI): the answers pulumi-aws, which bridges
 * hashicorp/terraform-provider-aws, gives the engine, computed by the same AWS model and day-2 rules the offline
 * plan uses. Nothing here decides what AWS does: creates are the model's (offline/aws/model.ts and the type modules of offline/aws/registry.ts), diffs are
 * offline/lifecycle.ts with the force-new table, reads, updates and deletes are offline/lifecycle-rules.ts. This
 * file adds what the bridge does around them:
 * - Check: autonaming (`<name>-<7 hex>` from the engine's random seed; an autoname in the old inputs is kept), the
 *   `__defaults` list (pulumi-terraform-bridge pkg/tfbridge/provider.go Check).
 * - Diff: a detailed diff keyed by property path, replacements, and deleteBeforeReplace when a replaced resource's
 *   name was set by the program rather than autonamed (two resources cannot share it).
 * - Secrets: an output is secret when the input of the same name was.
 * - The account: what exists persists between CLI runs (offline/provider/account.ts).
 */
import * as crypto from "node:crypto";
import { AwsModel, ACCOUNT_ID, unwrapSecrets } from "../aws/model";
import { diffResource, keepOldDefaults } from "../lifecycle";
import { applyUpdate, AwsRejection, deleteRefusal, readBack, refreshInputs, WorldFacts } from "../lifecycle-rules";
import { AWS_TYPES } from "../aws/registry";
import type { StateResource } from "../state";
import { isSdkSecret, wireSecret } from "../sdk-shims";
import { someValue } from "../../lib/values";
import { UNKNOWN_SENTINEL } from "../plan/format";
import { Account, AccountResource, accountFile, readAccount, redactSecrets, restoreSecrets, simDir, writeAccount } from "./account";
import { CheckFailure, DiffAnswer, Props, ProviderError, SimProvider } from "./server";

/** The URN's parts: `urn:pulumi:<stack>::<project>::<parent types$>type::<name>`. */
export function parseUrn(urn: string): { stack: string; type: string; name: string } {
    const parts = urn.split("::");
    const stack = parts[0].replace(/^urn:pulumi:/, "");
    const qualified = parts[2] ?? "";
    return { stack, type: qualified.split("$").pop() ?? qualified, name: parts.slice(3).join("::") };
}

/** Top-level keys whose value is, or holds, a secret. */
export function secretKeysOf(props: Props): Set<string> {
    return new Set(Object.keys(props).filter(k => someValue(props[k], isSdkSecret)));
}

export function wrapSecrets(props: Props, secretKeys: Set<string>): Props {
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, secretKeys.has(k) && v !== undefined ? wireSecret(v) : v]));
}

function plain(props: Props): Props {
    const { __defaults: _defaults, ...rest } = unwrapSecrets(props) as Props;
    return rest;
}

/**
 * Autonamed properties, by type (each type's `autonamed`, offline/aws/registry.ts): pulumi-aws provider/autonaming.go
 * setAutonaming gives every resource whose schema has an input `name` `tfbridge.AutoName("name", 255, "-")`, and
 * resources.go overrides it for aws_iam_role (64) and aws_key_pair (`keyName`); aws_lb_target_group has 32
 * (aliases.go). aws_lb's autoname allows 255, but terraform-provider-aws internal/service/elbv2 validates a load
 * balancer name of at most 32 characters at plan time, so 32 is the limit that holds. aws_autoscaling_schedule,
 * aws_instance, aws_lb_listener and aws_ebs_volume have no autonamed input. A program that sets the property, or
 * `namePrefix`, gets no autoname.
 */
export const AUTONAMED: Record<string, { property: string; maxLength: number }> = Object.fromEntries(
    AWS_TYPES.flatMap(t => (t.autonamed ? [[t.token, t.autonamed]] : [])),
);

/**
 * Outputs a planned update makes unknown until it is applied (the provider's CustomizeDiff SetNewComputed), by type
 * (each type's `newComputedOnChange`: a launch template's latestVersion and defaultVersion).
 */
const NEW_COMPUTED_ON_CHANGE: Record<string, readonly string[]> = Object.fromEntries(
    AWS_TYPES.flatMap(t => (t.newComputedOnChange ? [[t.token, t.newComputedOnChange]] : [])),
);

function parseDefaultTags(v: unknown): Record<string, string> {
    let value = v;
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return {};
        }
    }
    const tags = value && typeof value === "object" ? (value as Props).tags : undefined;
    return tags && typeof tags === "object" ? Object.fromEntries(Object.entries(tags).map(([k, t]) => [k, String(t)])) : {};
}

export class SimAws implements SimProvider {
    readonly version: string;
    private model?: AwsModel;
    private account?: Account;
    private file?: string;
    private defaultTags: Record<string, string> = {};

    constructor(version: string) {
        this.version = version;
    }

    checkConfig(_urn: string, news: Props): CheckFailure[] {
        return typeof news.region === "string" && news.region !== ""
            ? []
            : [{ property: "region", reason: "Missing required configuration key aws:region: set it with `pulumi config set aws:region <region>`" }];
    }

    configure(urn: string, config: Props): void {
        const region = String(unwrapSecrets(config.region) ?? "");
        this.defaultTags = parseDefaultTags(unwrapSecrets(config.defaultTags));
        this.file = accountFile(simDir(), parseUrn(urn).stack);
        this.account = readAccount(this.file, region);
        this.model = new AwsModel({ region, imageReleases: this.account.imageReleases });
        for (const r of this.account.resources) {
            this.model.seed(r.type, r.id, r.inputs, r.outputs);
        }
    }

    private get ready(): { model: AwsModel; account: Account } {
        if (!this.model || !this.account) {
            throw new ProviderError("the simulated AWS provider was not configured");
        }
        return { model: this.model, account: this.account };
    }

    private get facts(): WorldFacts {
        const { model } = this.ready;
        return { region: model.region, partition: model.partition, accountId: ACCOUNT_ID, defaultTags: this.defaultTags, amiRootSizeGiB: id => model.imageRootSizeGiB(id) };
    }

    private save(): void {
        writeAccount(this.file!, this.account!);
    }

    private find(type: string, id: string): AccountResource | undefined {
        return this.ready.account.resources.find(r => r.type === type && r.id === id);
    }

    /** What AWS holds now, with a resource seen as `view` (its secrets restored from the engine's values). */
    private world(view?: StateResource): StateResource[] {
        return this.ready.account.resources.map(r => (view && r.type === view.type && r.id === view.id ? view : r));
    }

    private store(record: AccountResource): void {
        const secret = new Set(record.secretKeys);
        const stored = { ...record, inputs: redactSecrets(record.inputs, secret), outputs: redactSecrets(record.outputs, secret) };
        const list = this.ready.account.resources;
        const at = list.findIndex(r => r.type === record.type && r.id === record.id);
        if (at >= 0) {
            list[at] = stored;
        } else {
            list.push(stored);
        }
        this.save();
    }

    check(urn: string, olds: Props, news: Props, randomSeed: Buffer): { inputs: Props; failures: CheckFailure[] } {
        const { type, name } = parseUrn(urn);
        const inputs: Props = keepOldDefaults(news, olds);
        const failures: CheckFailure[] = [];
        const defaults: string[] = [];
        const rule = AUTONAMED[type];
        if (rule && news[rule.property] === undefined && news.namePrefix === undefined) {
            if (inputs[rule.property] === undefined) {
                const seed = randomSeed.length > 0 ? randomSeed : crypto.randomBytes(32);
                const autoname = `${name}-${crypto.createHash("sha256").update(seed).digest("hex").slice(0, 7)}`;
                if (autoname.length > rule.maxLength) {
                    failures.push({ property: rule.property, reason: `could not make instance of '${type}': name '${name}-' plus 7 random chars is longer than maximum length ${rule.maxLength}` });
                }
                inputs[rule.property] = autoname;
            }
            defaults.push(rule.property);
        }
        inputs.__defaults = defaults;
        return { inputs, failures };
    }

    diff(urn: string, _id: string, olds: Props, news: Props, oldInputs: Props, ignoreChanges: string[]): DiffAnswer {
        const { type } = parseUrn(urn);
        const result = diffResource({ type, inputs: plain(oldInputs), outputs: plain(olds) }, plain(news), { ignoreChanges, replaceOnChanges: [], defaultTags: this.defaultTags });
        const rule = AUTONAMED[type];
        const defaults = Array.isArray(news.__defaults) ? news.__defaults : [];
        // A name the program chose cannot be held by the new and the old resource at once.
        const namedByProgram = rule !== undefined && news[rule.property] !== undefined && !defaults.includes(rule.property);
        return { changes: result.changes, deleteBeforeReplace: namedByProgram };
    }

    create(urn: string, inputs: Props, preview: boolean): { id: string; outputs: Props } {
        const { type, name } = parseUrn(urn);
        const { __defaults: _defaults, ...raw } = inputs;
        if (preview) {
            // The planned state: what the program set; everything AWS computes is unknown until it is created.
            return { id: "", outputs: raw };
        }
        const { model, account } = this.ready;
        const round = account.creates[urn] ?? 0;
        let created: { id: string | undefined; state: Props };
        try {
            created = model.withReplacementRound(round, () => model.newResource({ type, name, inputs: raw, custom: true } as never));
        } catch (err) {
            throw new ProviderError((err as Error).message);
        }
        const id = String(created.id);
        const secretKeys = secretKeysOf(raw);
        const record: AccountResource = {
            urn, type, id, name, custom: true, inputs: plain(raw), outputs: plain(created.state), secretKeys: [...secretKeys],
            dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false,
        };
        record.outputs = readBack(record, [...this.world(), record], this.facts);
        account.creates[urn] = round + 1;
        this.store(record);
        return { id, outputs: wrapSecrets(record.outputs, secretKeys) };
    }

    read(urn: string, id: string, state: Props, inputs: Props): { id: string; outputs: Props; inputs: Props } | undefined {
        const { type } = parseUrn(urn);
        const record = this.find(type, id);
        if (!record) {
            return undefined;
        }
        const view: AccountResource = { ...record, inputs: restoreSecrets(record.inputs, plain(inputs)), outputs: restoreSecrets(record.outputs, plain(state)) };
        const outputs = readBack(view, this.world(view), this.facts);
        const secretKeys = new Set([...record.secretKeys, ...secretKeysOf(state)]);
        const refreshed = refreshInputs(unwrapSecrets(inputs) as Props, outputs);
        return { id, outputs: wrapSecrets(outputs, secretKeys), inputs: wrapSecrets(refreshed, new Set([...secretKeys, ...secretKeysOf(inputs)])) };
    }

    update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props, ignoreChanges: string[], preview: boolean): Props {
        const { type } = parseUrn(urn);
        const record = this.find(type, id);
        if (!record) {
            throw new ProviderError(`${type} ${id} does not exist in the simulated account (deleted outside Pulumi? run \`pulumi refresh\`)`);
        }
        const next = plain(news);
        const changed = diffResource({ type, inputs: plain(oldInputs), outputs: plain(olds) }, next, { ignoreChanges, replaceOnChanges: [], defaultTags: this.defaultTags }).changes.map(c => c.path);
        const view: AccountResource = { ...record, inputs: restoreSecrets(record.inputs, plain(oldInputs)), outputs: restoreSecrets(record.outputs, plain(olds)) };
        const secretKeys = new Set([...secretKeysOf(news), ...secretKeysOf(olds)]);
        let outputs: Props;
        try {
            // What the provider reads with d.Get for what the program does not set is the engine's state (olds).
            outputs = applyUpdate(view, next, changed, this.world(view), { planned: plain(olds) }).outputs;
        } catch (err) {
            if (!(err instanceof AwsRejection)) {
                throw err;
            }
            if (preview) {
                // The bridge's Update plans only in a preview (pulumi-terraform-bridge provider.go: Apply runs
                // `if !req.GetPreview()`): what AWS refuses shows at `up`. The plan goes on with the new values.
                outputs = { ...view.outputs, ...next };
            } else if (err.applied) {
                const partial: AccountResource = { ...view, inputs: next, outputs: err.applied, secretKeys: [...secretKeys] };
                partial.outputs = readBack(partial, this.world(partial), this.facts);
                this.store(partial);
                throw new ProviderError(err.message, { id, outputs: wrapSecrets(partial.outputs, secretKeys) });
            } else {
                throw new ProviderError(err.message);
            }
        }
        const updated: AccountResource = { ...view, inputs: next, outputs, secretKeys: [...secretKeys] };
        updated.outputs = readBack(updated, this.world(updated), this.facts);
        if (preview) {
            const planned = { ...updated.outputs };
            for (const p of NEW_COMPUTED_ON_CHANGE[type] ?? []) {
                if (JSON.stringify(planned[p]) !== JSON.stringify(view.outputs[p])) {
                    planned[p] = UNKNOWN_SENTINEL;
                }
            }
            return wrapSecrets(planned, secretKeys);
        }
        this.store(updated);
        return wrapSecrets(updated.outputs, secretKeys);
    }

    delete(urn: string, id: string, state: Props): void {
        const { type } = parseUrn(urn);
        const record = this.find(type, id);
        if (!record) {
            // Already gone (deleted outside Pulumi): the provider treats NotFound on delete as done.
            return;
        }
        const view: AccountResource = { ...record, outputs: restoreSecrets(record.outputs, plain(state)) };
        const refusal = deleteRefusal(view, this.world(view), new Set(), false);
        if (refusal) {
            throw new ProviderError(refusal.message);
        }
        const { model, account } = this.ready;
        account.resources = account.resources.filter(r => r !== record);
        model.release(type, id, view.inputs, view.outputs);
        this.save();
    }

    invoke(token: string, args: Props): Props {
        try {
            return this.ready.model.call({ token, inputs: args, provider: "" } as never);
        } catch (err) {
            throw new ProviderError((err as Error).message);
        }
    }
}
