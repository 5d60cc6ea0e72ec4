/**
 * AWS's side of day 2, per resource type: what a later read reports (read-back), what an in-place update does,
 * and what AWS (or the Pulumi engine) refuses on delete. Used by offline/deployment.ts. Each rule names its
 * source; the list `READ_BACK_RULES_DOC` is what the README and the closing notes cite.
 */
import * as crypto from "node:crypto";
import { pathsOverlap, parsePath, PathSegment } from "./paths";
import { RESOURCE_KINDS } from "./force-new";
import { deepEqual, isRecord } from "./values";
import { StateResource } from "./state";

const TF = "terraform-provider-aws internal/service/";

export const INSTANCE = "aws:ec2/instance:Instance";
export const VOLUME = "aws:ebs/volume:Volume";
export const ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";
export const EIP = "aws:ec2/eip:Eip";
export const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
export const ROLE = "aws:iam/role:Role";
export const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
export const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const GROUP = "aws:autoscaling/group:Group";
export const SCALING_POLICY = "aws:autoscaling/policy:Policy";
export const SCHEDULE = "aws:autoscaling/schedule:Schedule";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

/** The read-back rules the model applies, with their sources (one line each, for docs and notes). */
export const READ_BACK_RULES_DOC: { type: string; property: string; rule: string; source: string }[] = [
    { type: INSTANCE, property: "associatePublicIpAddress", rule: "read as \"the primary network interface has an association\": true while an Elastic IP is associated or an auto-assigned address is held, false for a stopped server without an Elastic IP", source: `${TF}ec2/ec2_instance.go resourceInstanceRead (primary ENI Association != nil); hashicorp/terraform-provider-aws#37318, #33775` },
    { type: INSTANCE, property: "publicIp, publicDns", rule: "the Elastic IP's address while one is associated; empty for a stopped server without one (AWS releases an auto-assigned address on stop and assigns a new one on start)", source: `${TF}ec2/ec2_instance.go resourceInstanceRead (instance.PublicIpAddress); EC2 User Guide, "Public IPv4 addresses"` },
    { type: INSTANCE, property: "rootBlockDevice.kmsKeyId, volumeSize, iops, throughput", rule: "the key ARN (the AWS-managed aws/ebs key when none was given), the AMI's snapshot size when none was given, gp3's 3000 IOPS and 125 MiB/s", source: `${TF}ec2/ec2_instance.go readBlockDevicesFromInstance (kms_key_id = volume.KmsKeyId)` },
    { type: INSTANCE, property: "instanceState", rule: "\"stopped\" after a volume attachment with stopInstanceBeforeDetaching is deleted: nothing starts it again", source: `${TF}ec2/ebs_volume_attachment.go resourceVolumeAttachmentDelete (stopVolumeAttachmentInstance)` },
    { type: INSTANCE, property: "userData", rule: "stored as the SHA-1 of the script, not the script; a diff compares the hash of the new script with it", source: `${TF}ec2/ec2_instance.go (user_data StateFunc userDataHashSum)` },
    { type: VOLUME, property: "kmsKeyId, iops, throughput", rule: "the key ARN (the AWS-managed aws/ebs key when none was given), gp3's 3000 IOPS and 125 MiB/s when not given", source: `${TF}ec2/ebs_volume.go resourceEBSVolumeRead (kms_key_id = volume.KmsKeyId)` },
    { type: EIP, property: "instance, associationId, privateIp", rule: "the associated instance, association id and private address", source: `${TF}ec2/ec2_eip.go resourceEIPRead` },
    { type: EIP, property: "associationId, networkInterface, privateIp", rule: "for a NAT gateway's Elastic IP: the gateway's association, network interface and private address (no instance)", source: `${TF}ec2/ec2_eip.go resourceEIPRead (address.AssociationId, NetworkInterfaceId, PrivateIpAddress); ec2/vpc_nat_gateway.go resourceNATGatewayRead (the same address from NatGatewayAddresses)` },
    { type: ROLE, property: "assumeRolePolicy", rule: "AWS returns the document URL-encoded and reformatted; the provider keeps the configured string when the two are equivalent JSON policies, so diffs compare them as JSON", source: `${TF}iam/role.go resourceRoleRead (verify.PolicyToSet)` },
    { type: GROUP, property: "desiredCapacity", rule: "the group's current desired capacity, as its scaling policies and schedules left it; the program sets it at creation only (ignoreChanges), so a scale-out is no change", source: `${TF}autoscaling/group.go resourceGroupRead (d.Set("desired_capacity", g.DesiredCapacity))` },
    { type: GROUP, property: "launchTemplate.name", rule: "the template's name, next to the id the program gave", source: `${TF}autoscaling/group.go resourceGroupRead (flattenLaunchTemplateSpecification)` },
    { type: LAUNCH_TEMPLATE, property: "latestVersion, defaultVersion", rule: "the newest version (each change of the template data makes one) and, with updateDefaultVersion, the same as the default", source: `${TF}ec2/ec2_launch_template.go resourceLaunchTemplateRead / resourceLaunchTemplateUpdate` },
    { type: SCHEDULE, property: "minSize, maxSize, desiredCapacity", rule: "-1 for a size the action does not set; a size the program leaves unset is sent as 0 (so the program sends -1)", source: `${TF}autoscaling/schedule.go resourceScheduleRead / resourceSchedulePut` },
    { type: SCHEDULE, property: "startTime", rule: "the time AWS computed for the first run; Optional+Computed, so every later update sends it again, and once it has passed AWS refuses the update (\"Given start time is in the past\"): the program replaces an action instead of updating it", source: `${TF}autoscaling/schedule.go resourceScheduleRead / resourceSchedulePut (d.GetOk("start_time")); pulumi/pulumi-aws#2473, hashicorp/terraform-provider-aws#38983` },
    { type: GROUP, property: "launchTemplate, mixedInstancesPolicy", rule: "only the form the group uses now; the other reads as unset", source: `${TF}autoscaling/group.go resourceGroupRead (d.Set("launch_template", nil) / d.Set("mixed_instances_policy", nil))` },
    { type: SECURITY_GROUP, property: "ingress, egress", rule: "every rule of the group, the separate rule resources' too (Optional+Computed, ConfigModeAttr): what the program did not write there stays out of its inputs, so no diff and no policy sees it", source: `${TF}ec2/vpc_security_group.go resourceSecurityGroupRead (matchRules appends the remote rules not matched locally)` },
    { type: "(every tagged type)", property: "tagsAll", rule: "the provider's defaultTags merged with the resource's own tags", source: "terraform-provider-aws internal/provider/intercept.go + internal/tags (transparent tagging: tags_all)" },
];

/** Properties compared as JSON policy documents (equivalent documents show no diff). */
const POLICY_DOCUMENTS = new Set(["assumeRolePolicy", "policy"]);

function canonicalJson(text: string): string | undefined {
    const sort = (v: unknown): unknown => Array.isArray(v) ? v.map(sort)
        : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sort((v as Record<string, unknown>)[k])])) : v;
    try {
        return JSON.stringify(sort(JSON.parse(text)));
    } catch {
        return undefined;
    }
}

/** The hash the provider stores for an instance's user data (StateFunc userDataHashSum). */
export function userDataHash(text: string): string {
    return crypto.createHash("sha1").update(text).digest("hex");
}

/** Equality as the provider decides it (user data against its stored hash, equivalent policy JSON, numbers and their string forms). */
export function normalisedEqual(type: string, path: string, a: unknown, b: unknown): boolean {
    if (deepEqual(a, b)) {
        return true;
    }
    if (type === INSTANCE && path === "userData" && typeof a === "string" && typeof b === "string" && /^[0-9a-f]{40}$/.test(b)) {
        return userDataHash(a) === b;
    }
    if (POLICY_DOCUMENTS.has(path) && typeof a === "string" && typeof b === "string") {
        const ca = canonicalJson(a);
        return ca !== undefined && ca === canonicalJson(b);
    }
    if ((typeof a === "number" && typeof b === "string") || (typeof a === "string" && typeof b === "number")) {
        return String(a) === String(b);
    }
    return false;
}

/** The source of the force-new row that covers a changed path (undefined when the change is in place). */
export function forceNewHitsFor(type: string, segs: PathSegment[], base: Record<string, unknown>, head: Record<string, unknown>): string | undefined {
    const kind = RESOURCE_KINDS[type];
    if (!kind) {
        return undefined;
    }
    for (const rule of kind.forceNew) {
        if (rule.condition && !rule.condition.holds(base, head)) {
            continue;
        }
        if (rule.project) {
            if (!deepEqual(rule.project(base), rule.project(head))) {
                return rule.source;
            }
            continue;
        }
        // A change at `a.b` is covered by a rule at `a.b`, at `a` (the whole block), or at `a.b.c` (inside it).
        if (pathsOverlap(parsePath(rule.path), segs)) {
            return rule.source;
        }
    }
    return undefined;
}

export interface WorldFacts {
    region: string;
    partition: string;
    accountId: string;
    /** The provider's defaultTags (`aws:defaultTags` → tags). */
    defaultTags: Record<string, string>;
    /** The size of an AMI's root snapshot, when the model knows the image. */
    amiRootSizeGiB(amiId: string): number | undefined;
}

/** The ARN of the AWS-managed `aws/ebs` key of the account and region (deterministic in the model). */
export function awsManagedEbsKeyArn(w: Pick<WorldFacts, "region" | "partition" | "accountId">): string {
    const h = crypto.createHash("sha256").update(`${w.region}/aws/ebs`).digest("hex");
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    return `arn:${w.partition}:kms:${w.region}:${w.accountId}:key/${uuid}`;
}

/** Types whose provider schema has no `tags`/`tags_all`. */
const UNTAGGED = new Set([
    "aws:ec2/route:Route", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    EIP_ASSOCIATION, ATTACHMENT,
    // A group's tags are a list ({key, value, propagateAtLaunch}); the provider's defaultTags do not reach it.
    GROUP, SCALING_POLICY, SCHEDULE,
]);

function volumeDefaults(v: Record<string, unknown>, typeKey: string, w: WorldFacts): Record<string, unknown> {
    const out = { ...v };
    if (out[typeKey] === "gp3") {
        out.iops = out.iops ?? 3000;
        out.throughput = out.throughput ?? 125;
    }
    if (out.encrypted === true && (out.kmsKeyId === undefined || out.kmsKeyId === "")) {
        out.kmsKeyId = awsManagedEbsKeyArn(w);
    }
    return out;
}

/**
 * What the provider's Read reports for a resource, given everything else that exists. Applied after create
 * (the provider's Create ends with a Read) and by a refresh. Returns new outputs.
 */
export function readBack(r: StateResource, world: StateResource[], w: WorldFacts): Record<string, unknown> {
    const out: Record<string, unknown> = structuredClone(r.outputs);
    if (r.custom && r.type.startsWith("aws:") && !UNTAGGED.has(r.type)) {
        const tags = (out.tags ?? {}) as Record<string, string>;
        out.tagsAll = { ...w.defaultTags, ...tags };
    }
    switch (r.type) {
        case INSTANCE: {
            const association = world.find(x => x.type === EIP_ASSOCIATION && x.outputs.instanceId === r.id);
            const eip = association && world.find(x => x.type === EIP && x.id === association.outputs.allocationId);
            const running = (out.instanceState ?? "running") === "running";
            if (eip) {
                out.publicIp = eip.outputs.publicIp;
                out.publicDns = eip.outputs.publicDns;
            } else if (!running) {
                out.publicIp = "";
                out.publicDns = "";
            }
            out.associatePublicIpAddress = Boolean(eip) || (running && typeof out.publicIp === "string" && out.publicIp !== "");
            const root = (out.rootBlockDevice ?? {}) as Record<string, unknown>;
            const withDefaults = volumeDefaults({ volumeType: "gp3", deleteOnTermination: true, ...root }, "volumeType", w);
            if (withDefaults.volumeSize === undefined) {
                const size = w.amiRootSizeGiB(String(out.ami));
                // 0 or undefined: an image the model cannot see (open world); the size stays unknown.
                if (size) {
                    withDefaults.volumeSize = size;
                }
            }
            out.rootBlockDevice = withDefaults;
            // user_data is stored as its SHA-1 (ec2_instance.go: user_data StateFunc userDataHashSum).
            if (typeof out.userData === "string" && out.userData !== "" && !/^[0-9a-f]{40}$/.test(out.userData)) {
                out.userData = userDataHash(out.userData);
            }
            break;
        }
        case VOLUME: {
            Object.assign(out, volumeDefaults({ type: "gp3", ...out }, "type", w));
            break;
        }
        case EIP: {
            const association = world.find(x => x.type === EIP_ASSOCIATION && x.outputs.allocationId === r.id);
            const instance = association && world.find(x => x.type === INSTANCE && x.id === association.outputs.instanceId);
            out.instance = instance ? instance.id : "";
            out.associationId = association ? association.id : "";
            out.privateIp = instance ? instance.outputs.privateIp : "";
            // A NAT gateway holds its Elastic IP through its own network interface (no EipAssociation resource).
            const nat = !association && world.find(x => x.type === NAT_GATEWAY && x.outputs.allocationId === r.id);
            if (nat) {
                out.associationId = nat.outputs.associationId;
                out.networkInterface = nat.outputs.networkInterfaceId;
                out.privateIp = nat.outputs.privateIp;
            }
            break;
        }
        case GROUP: {
            // resourceGroupRead sets the form the group uses and clears the other.
            if (isRecord(out.mixedInstancesPolicy)) {
                delete out.launchTemplate;
            } else if (isRecord(out.launchTemplate)) {
                delete out.mixedInstancesPolicy;
            }
            break;
        }
        case SECURITY_GROUP: {
            // resourceSecurityGroupRead: the inline rules it matched, then every other rule AWS reports on the group.
            const inline = (kind: "ingress" | "egress") => (Array.isArray(r.inputs[kind]) ? r.inputs[kind] as unknown[] : []);
            const standalone = (type: string) => world.filter(x => x.type === type && x.outputs.securityGroupId === r.id).map(x => inlineRule(x.outputs));
            out.ingress = [...inline("ingress"), ...standalone(INGRESS_RULE)];
            out.egress = [...inline("egress"), ...standalone(EGRESS_RULE)];
            break;
        }
        // ROLE: AWS returns the document URL-encoded in its own formatting, and the provider keeps the configured
        // string when the two are equivalent (verify.PolicyToSet): the read changes nothing, and diffs compare
        // policy documents as JSON (normalisedEqual).
    }
    return out;
}

/** A separate rule (aws.vpc.SecurityGroupIngressRule / EgressRule) as the group's own `ingress`/`egress` reads it. */
function inlineRule(rule: Record<string, unknown>): Record<string, unknown> {
    const all = String(rule.ipProtocol) === "-1";
    const list = (v: unknown) => (typeof v === "string" && v !== "" ? [v] : []);
    return {
        protocol: String(rule.ipProtocol),
        fromPort: all ? 0 : rule.fromPort,
        toPort: all ? 0 : rule.toPort,
        cidrBlocks: list(rule.cidrIpv4),
        ipv6CidrBlocks: list(rule.cidrIpv6),
        prefixListIds: list(rule.prefixListId),
        securityGroups: list(rule.referencedSecurityGroupId),
        self: false,
        description: rule.description ?? "",
    };
}

/**
 * The bridge's Read also refreshes the INPUTS of the properties the program set, from what it read
 * (pulumi-terraform-bridge pkg/tfbridge/provider.go Read → extractInputsFromOutputs).
 */
export function refreshInputs(inputs: Record<string, unknown>, outputs: Record<string, unknown>): Record<string, unknown> {
    // The input's shape is kept: an object input takes the read value of each key it already had.
    const extract = (input: unknown, output: unknown): unknown => {
        if (output === undefined) {
            return input;
        }
        if (input && typeof input === "object" && !Array.isArray(input) && output && typeof output === "object" && !Array.isArray(output)) {
            return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, extract(v, (output as Record<string, unknown>)[k])]));
        }
        return output;
    };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        out[k] = k === "__defaults" ? v : extract(v, outputs[k]);
    }
    return out;
}

/** Instance types that carry NVMe instance storage: the `d` variants and the storage-optimized series. */
export function hasInstanceStore(instanceType: unknown): boolean {
    if (typeof instanceType !== "string") {
        return false;
    }
    const m = /^([a-z]+)(\d+)([a-z-]*)\./.exec(instanceType);
    if (!m) {
        return false;
    }
    const [, series, , suffix] = m;
    // m7gd, c6id, r6idn, m5ad, g4dn …, and i3, i4i, d3, h1, im4gn, is4gen.
    return suffix.includes("d") || ["i", "d", "h", "im", "is"].includes(series);
}

export const INSTANCE_STORE_NOTE = "its NVMe instance store is wiped: instance-store data does not survive a stop, a hibernation or a termination (EC2 User Guide, \"Instance store lifetime\")";

/** What AWS or the engine refuses, with the error AWS or the engine gives. */
export class AwsRejection extends Error {
    /**
     * What AWS had already done when it refused a later call of the same update (the outputs the provider then
     * reports with its error, which the engine stores), or undefined when nothing changed.
     */
    applied?: Record<string, unknown>;

    constructor(public readonly code: string, message: string, public readonly source: string) {
        super(`${code}: ${message}`);
    }
}

export interface UpdateOptions {
    /**
     * The engine's planned state of the properties the program does not set (Optional+Computed keep their state
     * value): the stack's state outputs. What the provider reads with d.Get during the update. @default old.outputs
     */
    planned?: Record<string, unknown>;
    /** The clock (a scheduled action's start time). @default the wall clock */
    now?: Date;
}

export interface UpdateEffect {
    /** What AWS does (shown in the plan). */
    notes: string[];
    /** New outputs after the update. */
    outputs: Record<string, unknown>;
}

function hasEip(world: StateResource[], instance: StateResource): boolean {
    return world.some(x => x.type === EIP_ASSOCIATION && x.outputs.instanceId === instance.id);
}

/**
 * An in-place update as AWS performs it. Throws an AwsRejection for what AWS refuses at update time.
 * `changedPaths` lists the changed property paths.
 */
export function applyUpdate(old: StateResource, newInputs: Record<string, unknown>, changedPaths: string[], world: StateResource[], options: UpdateOptions = {}): UpdateEffect {
    const planned = options.planned ?? old.outputs;
    const outputs: Record<string, unknown> = { ...structuredClone(old.outputs), ...structuredClone(newInputs) };
    const notes: string[] = [];
    const changed = (p: string) => changedPaths.some(c => c === p || c.startsWith(`${p}.`) || c.startsWith(`${p}[`));
    if (old.type === INSTANCE) {
        const oldRoot = (old.outputs.rootBlockDevice ?? {}) as Record<string, unknown>;
        const newRoot = (newInputs.rootBlockDevice ?? {}) as Record<string, unknown>;
        outputs.rootBlockDevice = { ...oldRoot, ...newRoot };
        if (typeof newRoot.volumeSize === "number" && typeof oldRoot.volumeSize === "number" && newRoot.volumeSize < oldRoot.volumeSize) {
            throw new AwsRejection("InvalidParameterValue", `New size cannot be smaller than existing size (root volume of ${old.id}: ${oldRoot.volumeSize} GiB → ${newRoot.volumeSize} GiB)`,
                "EC2 API ModifyVolume; terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceUpdate (root_block_device.volume_size → ModifyVolume)");
        }
        const typeChange = changed("instanceType");
        const userDataChange = (changed("userData") || changed("userDataBase64")) && newInputs.userDataReplaceOnChange !== true;
        if (typeChange || userDataChange) {
            const what = typeChange ? `changes its type ${old.outputs.instanceType} → ${newInputs.instanceType}` : "replaces its user data";
            notes.push(`stops the server, ${what}, and starts it again (terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceUpdate: stop, ModifyInstanceAttribute, start)`);
            if (!hasEip(world, old) && typeof old.outputs.publicIp === "string" && old.outputs.publicIp !== "") {
                notes.push(`its auto-assigned public IP ${old.outputs.publicIp} is released on stop and a new one is assigned on start (elasticIp gives a fixed address)`);
                outputs.publicIp = old.outputs.publicIp.replace(/\.(\d+)$/, (_m, d) => `.${(Number(d) % 253) + 1}`);
                // The public DNS name is made from the address (the VPC has DNS hostnames on): it changes with it.
                if (typeof old.outputs.publicDns === "string" && old.outputs.publicDns !== "") {
                    outputs.publicDns = old.outputs.publicDns.replace(old.outputs.publicIp.replace(/\./g, "-"), String(outputs.publicIp).replace(/\./g, "-"));
                }
            }
            if (hasInstanceStore(old.outputs.instanceType)) {
                notes.push(INSTANCE_STORE_NOTE);
            }
        }
        if (changed("rootBlockDevice")) {
            notes.push("modifies the root volume online (EC2 ModifyVolume): no restart; grow the filesystem inside the server afterwards");
        }
    }
    if (old.type === LAUNCH_TEMPLATE) {
        notes.push(...launchTemplateUpdate(old, newInputs, changedPaths, outputs));
    }
    if (old.type === GROUP) {
        notes.push(...groupUpdate(old, newInputs, changed, outputs, planned));
    }
    if (old.type === SCHEDULE) {
        // resourceSchedulePut sends the stored start_time (Optional+Computed) with every update.
        const start = newInputs.startTime ?? planned.startTime;
        if (typeof start === "string" && start !== "" && new Date(start).getTime() < (options.now ?? new Date()).getTime()) {
            throw new AwsRejection("ValidationError", `Given start time is in the past (scheduled action ${old.id}: startTime ${start}, the first run AWS computed, is sent again with every update)`,
                `Auto Scaling API PutScheduledUpdateGroupAction; ${TF}autoscaling/schedule.go resourceSchedulePut (d.GetOk("start_time")); pulumi/pulumi-aws#2473, hashicorp/terraform-provider-aws#38983`);
        }
    }
    if (old.type === VOLUME) {
        if (typeof newInputs.size === "number" && typeof old.outputs.size === "number" && newInputs.size < old.outputs.size) {
            throw new AwsRejection("InvalidParameterValue", `New size cannot be smaller than existing size (${old.id}: ${old.outputs.size} GiB → ${newInputs.size} GiB)`,
                "EC2 API ModifyVolume; terraform-provider-aws internal/service/ec2/ebs_volume.go resourceEBSVolumeUpdate");
        }
        if (changed("size") || changed("type") || changed("iops") || changed("throughput")) {
            notes.push("modifies the volume online (EC2 ModifyVolume): data kept; grow the filesystem inside the server afterwards");
        }
    }
    return { notes, outputs };
}

/** Template arguments whose change makes no new version (resourceLaunchTemplateUpdate's updateKeys leave them out). */
const TEMPLATE_UNVERSIONED = new Set(["name", "namePrefix", "defaultVersion", "updateDefaultVersion", "tags", "tagsAll"]);

/**
 * A launch template update: any change of the template data is a new version (CreateLaunchTemplateVersion), made
 * the default with updateDefaultVersion. Servers already running are not touched by it.
 */
function launchTemplateUpdate(old: StateResource, newInputs: Record<string, unknown>, changedPaths: string[], outputs: Record<string, unknown>): string[] {
    if (!changedPaths.some(p => !TEMPLATE_UNVERSIONED.has(p.split(/[.[]/)[0]))) {
        return [];
    }
    const latest = Number(old.outputs.latestVersion ?? 1) + 1;
    outputs.latestVersion = latest;
    if (newInputs.updateDefaultVersion === true) {
        outputs.defaultVersion = latest;
    }
    return [`creates version ${latest} of the template${newInputs.updateDefaultVersion === true ? " and makes it the default" : ""}; running servers are not changed by it (${TF}ec2/ec2_launch_template.go resourceLaunchTemplateUpdate: CreateLaunchTemplateVersion, ModifyLaunchTemplate)`];
}

/**
 * A group update (UpdateAutoScalingGroup with only the changed fields, group.go resourceGroupUpdate): the size
 * the group has now is kept unless the new bounds exclude it, and a new launch template version (or mixed
 * instances policy) starts an instance refresh when the group has one.
 */
function groupUpdate(old: StateResource, newInputs: Record<string, unknown>, changed: (p: string) => boolean, outputs: Record<string, unknown>, planned: Record<string, unknown>): string[] {
    const notes: string[] = [];
    const source = `${TF}autoscaling/group.go resourceGroupUpdate`;
    const min = Number(newInputs.minSize ?? old.outputs.minSize);
    const max = Number(newInputs.maxSize ?? old.outputs.maxSize);
    if (max < min) {
        throw new AwsRejection("ValidationError", `Max bound, ${max}, must be greater than or equal to min bound, ${min}`, `Auto Scaling API UpdateAutoScalingGroup; ${source}`);
    }
    // Only changed fields are sent: the current size stays what AWS has, whatever the program's (ignored) value is.
    const current = Number(changed("desiredCapacity") ? newInputs.desiredCapacity : old.outputs.desiredCapacity);
    const bounded = Math.min(Math.max(current, min), max);
    outputs.desiredCapacity = bounded;
    // The Read after the update reports the template's name next to its id, as after create.
    if (isRecord(old.outputs.launchTemplate) && isRecord(newInputs.launchTemplate)) {
        outputs.launchTemplate = { ...old.outputs.launchTemplate, ...newInputs.launchTemplate };
    }
    // Likewise the template's name in a mixed instances policy's launch template specification.
    const nameOf = (m: unknown) => ((m as { launchTemplate?: { launchTemplateSpecification?: { launchTemplateName?: unknown } } } | undefined)?.launchTemplate?.launchTemplateSpecification?.launchTemplateName);
    if (isRecord(newInputs.mixedInstancesPolicy) && nameOf(old.outputs.mixedInstancesPolicy) !== undefined && nameOf(newInputs.mixedInstancesPolicy) === undefined) {
        const mixed = structuredClone(newInputs.mixedInstancesPolicy) as { launchTemplate: { launchTemplateSpecification: Record<string, unknown> } };
        mixed.launchTemplate.launchTemplateSpecification = { ...mixed.launchTemplate.launchTemplateSpecification, launchTemplateName: nameOf(old.outputs.mixedInstancesPolicy) };
        outputs.mixedInstancesPolicy = mixed;
    }
    // UpdateAutoScalingGroup with the other form switches the group to it.
    if (isRecord(newInputs.mixedInstancesPolicy) && changed("mixedInstancesPolicy")) {
        delete outputs.launchTemplate;
    } else if (isRecord(newInputs.launchTemplate) && changed("launchTemplate")) {
        delete outputs.mixedInstancesPolicy;
    }
    // The capacity wait (resourceGroupUpdate, shouldWaitForCapacity on a min_size or desired_capacity change, unless
    // wait_for_capacity_timeout is "0"): it wants exactly max(min_size, desired_capacity) healthy servers, with
    // desired_capacity as planned, that is from state when the program leaves it to the group, and fails when AWS
    // settles on another size.
    const timeout = String(newInputs.waitForCapacityTimeout ?? planned.waitForCapacityTimeout ?? "10m");
    if (timeout !== "0" && !/^0+[a-z]*$/.test(timeout) && (changed("minSize") || changed("desiredCapacity"))) {
        const plannedDesired = Number(newInputs.desiredCapacity ?? planned.desiredCapacity ?? min);
        const want = Math.max(min, plannedDesired);
        if (want !== bounded) {
            throw new AwsRejection("Error", `waiting for Auto Scaling Group (${old.id}) capacity satisfied: want exactly ${want} healthy instance(s) in Auto Scaling Group, have ${bounded} (AWS set the group to ${bounded}; the wait fails after wait_for_capacity_timeout ${timeout})`,
                `${source} (shouldWaitForCapacity: minSize := max(d.Get("min_size"), d.Get("desired_capacity")); "want exactly %d healthy instance(s) in Auto Scaling Group")`);
        }
    }
    if (changed("minSize") || changed("maxSize")) {
        notes.push(`resizes the group to min ${min}, max ${max}${bounded !== current ? `: AWS moves its desired capacity from ${current} to ${bounded} (UpdateAutoScalingGroup: a new MinSize above, or MaxSize below, the current size sets DesiredCapacity to it) and launches or terminates servers` : ""} (${source})`);
    }
    if (changed("launchTemplate") || changed("mixedInstancesPolicy")) {
        const refresh = newInputs.instanceRefresh as { strategy?: string; preferences?: Record<string, unknown> } | undefined;
        // StartInstanceRefresh gets both forms as planned: the one the program stopped sending stays in state.
        const lt = newInputs.launchTemplate ?? planned.launchTemplate;
        const mixed = newInputs.mixedInstancesPolicy ?? planned.mixedInstancesPolicy;
        if (refresh && isRecord(lt) && isRecord(mixed)) {
            // UpdateAutoScalingGroup has run: the group is in its new form when StartInstanceRefresh fails.
            const rejection = new AwsRejection("ValidationError", `the group ${old.id} is updated, then StartInstanceRefresh gets a DesiredConfiguration with both a LaunchTemplate and a MixedInstancesPolicy, and takes either one: launchTemplate stayed in the state (Optional+Computed) when the program moved to mixedInstancesPolicy, or the other way round. The group is left in its new form, and the provider reports that state with the error (the engine stores it), so the next \`pulumi up\` converges`,
                `${source} (expandStartInstanceRefreshInput from d.Get("launch_template") and d.Get("mixed_instances_policy")); Auto Scaling API reference, DesiredConfiguration ("you must specify either a LaunchTemplate or a MixedInstancesPolicy")`);
            rejection.applied = outputs;
            throw rejection;
        }
        if (refresh) {
            const prefs = refresh.preferences ?? {};
            const pct = prefs.minHealthyPercentage ?? 90;
            notes.push(`starts an instance refresh: ${String(refresh.strategy ?? "Rolling").toLowerCase()} instance refresh, min healthy ${pct}%` +
                `${prefs.autoRollback === true ? ", rolled back if it fails" : ""}${prefs.skipMatching === true ? ", skipping servers already on the new version" : ""}` +
                `: AWS replaces the servers a few at a time, with their root volumes; the group is updated in place, not replaced (${source}: a launch_template or mixed_instances_policy change → StartInstanceRefresh)`);
        } else {
            notes.push(`no instanceRefresh: running servers keep the old launch template version until they are replaced (${source})`);
        }
    }
    return notes;
}

/** Why a resource cannot be deleted (by the engine or by AWS), or undefined. */
export function deleteRefusal(r: StateResource, world: StateResource[], deleting: Set<string>, replacing: boolean, newProtect = true): { message: string; source: string } | undefined {
    // The engine lets a resource be unprotected and replaced in one update: it refuses only when both the state
    // and the program protect it (step_generator.go: `if new.Protect && old.Protect`).
    if (r.protect && (!replacing || newProtect)) {
        return replacing
            ? { message: `unable to replace resource "${r.urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``, source: "pulumi/pulumi pkg/resource/deploy/step_generator.go (a protected resource's replacement fails at preview, before anything is created)" }
            : { message: `unable to delete resource "${r.urn}"\nas it is currently marked for protection. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program or use the command:\n\`pulumi state unprotect ${r.urn}\``, source: "pulumi/pulumi pkg/resource/deploy/step.go DeleteStep.Apply" };
    }
    if (r.retainOnDelete) {
        return undefined;
    }
    if (r.type === INSTANCE && r.outputs.disableApiTermination === true && r.outputs.forceDestroy !== true) {
        return { message: `OperationNotPermitted: The instance '${r.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again. (forceDestroy is not true in the state; setting it in the same operation does not help)`, source: "EC2 API TerminateInstances; terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceDelete (force_destroy is read from the state)" };
    }
    if (r.type === LOAD_BALANCER && r.outputs.enableDeletionProtection === true) {
        return { message: `OperationNotPermitted: Load balancer '${r.id}' cannot be deleted because deletion protection is enabled`, source: "Elastic Load Balancing API DeleteLoadBalancer; terraform-provider-aws internal/service/elbv2/load_balancer.go resourceLoadBalancerDelete" };
    }
    if (r.type === VOLUME) {
        const attachment = world.find(x => x.type === ATTACHMENT && x.outputs.volumeId === r.id && !deleting.has(x.urn));
        if (attachment) {
            return { message: `VolumeInUse: Volume ${r.id} is currently attached to ${attachment.outputs.instanceId}`, source: "EC2 API DeleteVolume" };
        }
    }
    return undefined;
}

/** What deleting a resource does to data and addresses (shown in the plan and plan:diff). */
export function deleteFate(r: StateResource): string | undefined {
    if (r.retainOnDelete) {
        return `retained: ${r.id} leaves the stack but stays in AWS (still billed); delete it in AWS or import it again`;
    }
    switch (r.type) {
        case INSTANCE: {
            const notes = [`terminates ${r.id}; its root volume is deleted with it (deleteOnTermination)`];
            if (hasInstanceStore(r.outputs.instanceType)) {
                notes.push(INSTANCE_STORE_NOTE);
            }
            return notes.join("; ");
        }
        case VOLUME:
            return `deletes ${r.id} and every byte on it`;
        case EIP:
            return `releases ${r.outputs.publicIp ?? r.id}: the address is gone for good`;
        case ATTACHMENT:
            return `detaches ${r.outputs.volumeId} from ${r.outputs.instanceId}`;
        case LOAD_BALANCER:
            return `deletes the load balancer: its DNS name ${r.outputs.dnsName ?? ""} stops resolving for good (a new one gets a new name; update DNS records that point at it)`;
        case NAT_GATEWAY:
            return `deletes ${r.id}: the private subnets routed through it lose outbound internet access until a new gateway's route is in place`;
        case GROUP:
            return `drains ${r.id} (min, max and desired 0), waits for its servers to terminate with their root volumes, then deletes the group (terraform-provider-aws internal/service/autoscaling/group.go resourceGroupDelete, drainGroup)`;
        default:
            return undefined;
    }
}

/** True when deleting this attachment stops its server first (and nothing starts it again). */
export function attachmentStopsServer(r: StateResource): boolean {
    return r.type === ATTACHMENT && (r.outputs.stopInstanceBeforeDetaching === true || r.inputs.stopInstanceBeforeDetaching === true);
}
