// Which input changes make AWS (through the Pulumi AWS provider) REPLACE a resource instead of
// updating it in place. This is the one place that table lives; plan-diff reads it.
//
// Source of truth: the Pulumi AWS provider (pulumi-aws v7) is bridged from the Terraform AWS
// provider, and a Terraform attribute with `ForceNew: true` (SDKv2) or a `RequiresReplace()` plan
// modifier (plugin framework) becomes a replacement in `pulumi preview`. Each row cites the schema
// file in hashicorp/terraform-provider-aws (internal/service/ec2/…) it was read from. Property
// names are the Pulumi (camelCase) names; list-valued blocks are pluralised by the bridge
// (ebs_block_device → ebsBlockDevices, network_interface → networkInterfaces).
// Path syntax is Pulumi's ignoreChanges syntax: `a.b`, `list[*].field`, `map["key"]`.
//
// Not force-new (applied in place), for reference: Instance instanceType, vpcSecurityGroupIds,
// rootBlockDevice.volumeSize/volumeType/iops/throughput/deleteOnTermination, metadataOptions,
// iamInstanceProfile, tags; Volume size/type/iops/throughput; SecurityGroup ingress/egress (inline);
// Vpc enableDnsHostnames/enableDnsSupport/instanceTenancy; Eip instance/networkInterface.
import { SECRET_PLACEHOLDER, UNKNOWN_SENTINEL } from "./plan-format";

export type Inputs = Record<string, unknown>;

const TF = "terraform-provider-aws internal/service/ec2/";
const SRC = {
    instance: `${TF}ec2_instance.go (aws_instance schema)`,
    instanceUserData: `${TF}ec2_instance.go (CustomizeDiff: customdiff.ForceNewIf on user_data_replace_on_change)`,
    volume: `${TF}ebs_volume.go (aws_ebs_volume schema)`,
    attachment: `${TF}ebs_volume_attachment.go (aws_volume_attachment schema)`,
    eip: `${TF}ec2_eip.go (aws_eip schema)`,
    eipAssociation: `${TF}ec2_eip_association.go (aws_eip_association schema)`,
    keyPair: `${TF}ec2_key_pair.go (aws_key_pair schema)`,
    securityGroup: `${TF}vpc_security_group.go (aws_security_group schema)`,
    sgRule: `${TF}vpc_security_group_rule.go (aws_security_group_rule schema)`,
    sgVpcRule: `${TF}vpc_security_group_ingress_rule.go (resource.RequiresReplace on security_group_id)`,
    sgVpcRuleSource: `${TF}vpc_security_group_ingress_rule.go (ModifyPlan: changing the rule's source type requires replacement)`,
    subnet: `${TF}vpc_subnet.go (aws_subnet schema)`,
    vpc: `${TF}vpc_.go (aws_vpc schema)`,
} as const;

export interface ForceNewRule {
    /** Pulumi property path; `[*]` projects over every list element. */
    path: string;
    /** Citation: file and schema construct in terraform-provider-aws. */
    source: string;
    /** Only force-new when this holds (evaluated on the BASE and HEAD inputs). */
    condition?: { label: string; holds: (base: Inputs, head: Inputs) => boolean };
    /** Derived value to compare instead of reading `path` (for rules about which field is set). */
    project?: (inputs: Inputs) => unknown;
}

export interface ReferenceRule {
    /** Input that holds the id (or name) of another resource. */
    path: string;
    targetType: string;
    /** "always": a replaced target always gets a new id. "if-autonamed": only if its name is generated. */
    changesOnReplace: "always" | "if-autonamed";
}

export interface ResourceKind {
    /** Replacing or deleting it loses data or an address. */
    stateful: boolean;
    /** Short label used in messages. */
    label: string;
    forceNew: ForceNewRule[];
    /** Force-new inputs that point at other resources: their replacement cascades here. */
    references: ReferenceRule[];
}

const userDataReplaceOnChange = {
    label: "userDataReplaceOnChange is true",
    holds: (_base: Inputs, head: Inputs) => head.userDataReplaceOnChange === true,
};

const ruleSourceKeys = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"];
const vpcRuleRows: ForceNewRule[] = [
    { path: "securityGroupId", source: SRC.sgVpcRule },
    {
        path: "(source type: cidrIpv4 | cidrIpv6 | prefixListId | referencedSecurityGroupId)",
        source: SRC.sgVpcRuleSource,
        project: (inputs) => ruleSourceKeys.filter((k) => inputs[k] !== undefined && inputs[k] !== null).join(","),
    },
];
const vpcRuleRefs: ReferenceRule[] = [
    { path: "securityGroupId", targetType: "aws:ec2/securityGroup:SecurityGroup", changesOnReplace: "always" },
];

/** The table. Keyed by Pulumi resource type token. */
export const RESOURCE_KINDS: Record<string, ResourceKind> = {
    "aws:ec2/instance:Instance": {
        stateful: true,
        label: "EC2 instance",
        forceNew: [
            { path: "ami", source: SRC.instance }, // "ami": ForceNew
            { path: "associatePublicIpAddress", source: SRC.instance }, // "associate_public_ip_address": ForceNew
            { path: "availabilityZone", source: SRC.instance }, // "availability_zone": ForceNew
            { path: "cpuOptions.amdSevSnp", source: SRC.instance }, // cpu_options.amd_sev_snp: ForceNew
            { path: "cpuOptions.coreCount", source: SRC.instance }, // cpu_options.core_count: ForceNew
            { path: "cpuOptions.threadsPerCore", source: SRC.instance }, // cpu_options.threads_per_core: ForceNew
            { path: "ebsBlockDevices[*].deleteOnTermination", source: SRC.instance }, // ebs_block_device.*: ForceNew
            { path: "ebsBlockDevices[*].deviceName", source: SRC.instance },
            { path: "ebsBlockDevices[*].encrypted", source: SRC.instance },
            { path: "ebsBlockDevices[*].iops", source: SRC.instance },
            { path: "ebsBlockDevices[*].kmsKeyId", source: SRC.instance },
            { path: "ebsBlockDevices[*].snapshotId", source: SRC.instance },
            { path: "ebsBlockDevices[*].throughput", source: SRC.instance },
            { path: "ebsBlockDevices[*].volumeSize", source: SRC.instance },
            { path: "ebsBlockDevices[*].volumeType", source: SRC.instance },
            { path: "ebsOptimized", source: SRC.instance }, // "ebs_optimized": ForceNew
            { path: "enclaveOptions.enabled", source: SRC.instance }, // enclave_options.enabled: ForceNew
            { path: "ephemeralBlockDevices", source: SRC.instance }, // "ephemeral_block_device": ForceNew
            { path: "hibernation", source: SRC.instance }, // "hibernation": ForceNew
            { path: "hostId", source: SRC.instance }, // "host_id": ForceNew
            { path: "ipv6AddressCount", source: SRC.instance }, // "ipv6_address_count": ForceNew
            { path: "ipv6Addresses", source: SRC.instance }, // "ipv6_addresses": ForceNew
            { path: "keyName", source: SRC.instance }, // "key_name": ForceNew
            { path: "launchTemplate", source: SRC.instance }, // "launch_template" (+ id, name): ForceNew
            { path: "networkInterfaces[*].deleteOnTermination", source: SRC.instance }, // network_interface.*: ForceNew
            { path: "networkInterfaces[*].deviceIndex", source: SRC.instance },
            { path: "networkInterfaces[*].networkCardIndex", source: SRC.instance },
            { path: "networkInterfaces[*].networkInterfaceId", source: SRC.instance },
            { path: "placementGroup", source: SRC.instance }, // "placement_group": ForceNew
            { path: "placementPartitionNumber", source: SRC.instance }, // "placement_partition_number": ForceNew
            { path: "privateDnsNameOptions", source: SRC.instance }, // "private_dns_name_options": ForceNew
            { path: "privateIp", source: SRC.instance }, // "private_ip": ForceNew
            { path: "rootBlockDevice.encrypted", source: SRC.instance }, // root_block_device.encrypted: ForceNew
            { path: "rootBlockDevice.kmsKeyId", source: SRC.instance }, // root_block_device.kms_key_id: ForceNew
            { path: "securityGroups", source: SRC.instance }, // "security_groups" (names): ForceNew
            { path: "subnetId", source: SRC.instance }, // "subnet_id": ForceNew
            { path: "tenancy", source: SRC.instance }, // "tenancy": ForceNew
            { path: "userData", source: SRC.instanceUserData, condition: userDataReplaceOnChange },
            { path: "userDataBase64", source: SRC.instanceUserData, condition: userDataReplaceOnChange },
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "keyName", targetType: "aws:ec2/keyPair:KeyPair", changesOnReplace: "if-autonamed" },
        ],
    },
    "aws:ebs/volume:Volume": {
        stateful: true,
        label: "EBS volume",
        forceNew: [
            { path: "availabilityZone", source: SRC.volume }, // availability_zone: Required, ForceNew
            { path: "encrypted", source: SRC.volume }, // encrypted: ForceNew
            { path: "kmsKeyId", source: SRC.volume }, // kms_key_id: ForceNew
            { path: "multiAttachEnabled", source: SRC.volume }, // multi_attach_enabled: ForceNew
            { path: "outpostArn", source: SRC.volume }, // outpost_arn: ForceNew
            { path: "snapshotId", source: SRC.volume }, // snapshot_id: ForceNew
        ],
        references: [],
    },
    "aws:ec2/eip:Eip": {
        stateful: true,
        label: "Elastic IP",
        forceNew: [
            { path: "address", source: SRC.eip }, // address: ForceNew
            { path: "domain", source: SRC.eip }, // domain: ForceNew
            { path: "ipamPoolId", source: SRC.eip }, // ipam_pool_id: ForceNew
            { path: "networkBorderGroup", source: SRC.eip }, // network_border_group: ForceNew
            { path: "publicIpv4Pool", source: SRC.eip }, // public_ipv4_pool: ForceNew
        ],
        references: [],
    },
    "aws:ec2/eipAssociation:EipAssociation": {
        stateful: false,
        label: "Elastic IP association",
        forceNew: [
            { path: "allocationId", source: SRC.eipAssociation }, // allocation_id: ForceNew
            { path: "allowReassociation", source: SRC.eipAssociation }, // allow_reassociation: ForceNew
            { path: "instanceId", source: SRC.eipAssociation }, // instance_id: ForceNew
            { path: "networkInterfaceId", source: SRC.eipAssociation }, // network_interface_id: ForceNew
            { path: "privateIpAddress", source: SRC.eipAssociation }, // private_ip_address: ForceNew
            { path: "publicIp", source: SRC.eipAssociation }, // public_ip: ForceNew
        ],
        references: [
            { path: "instanceId", targetType: "aws:ec2/instance:Instance", changesOnReplace: "always" },
            { path: "allocationId", targetType: "aws:ec2/eip:Eip", changesOnReplace: "always" },
        ],
    },
    "aws:ec2/volumeAttachment:VolumeAttachment": {
        stateful: false,
        label: "volume attachment",
        forceNew: [
            { path: "deviceName", source: SRC.attachment }, // device_name: Required, ForceNew
            { path: "instanceId", source: SRC.attachment }, // instance_id: Required, ForceNew
            { path: "volumeId", source: SRC.attachment }, // volume_id: Required, ForceNew
        ],
        references: [
            { path: "instanceId", targetType: "aws:ec2/instance:Instance", changesOnReplace: "always" },
            { path: "volumeId", targetType: "aws:ebs/volume:Volume", changesOnReplace: "always" },
        ],
    },
    "aws:ec2/keyPair:KeyPair": {
        stateful: false,
        label: "key pair",
        forceNew: [
            { path: "keyName", source: SRC.keyPair }, // key_name: ForceNew
            { path: "keyNamePrefix", source: SRC.keyPair }, // key_name_prefix: ForceNew
            { path: "publicKey", source: SRC.keyPair }, // public_key: Required, ForceNew
        ],
        references: [],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        stateful: false,
        label: "security group",
        forceNew: [
            { path: "description", source: SRC.securityGroup }, // description: ForceNew
            { path: "name", source: SRC.securityGroup }, // name: ForceNew
            { path: "namePrefix", source: SRC.securityGroup }, // name_prefix: ForceNew
            { path: "vpcId", source: SRC.securityGroup }, // vpc_id: ForceNew
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    "aws:ec2/securityGroupRule:SecurityGroupRule": {
        stateful: false,
        label: "security group rule",
        forceNew: [
            { path: "cidrBlocks", source: SRC.sgRule }, // cidr_blocks: ForceNew
            { path: "fromPort", source: SRC.sgRule }, // from_port: ForceNew
            { path: "ipv6CidrBlocks", source: SRC.sgRule }, // ipv6_cidr_blocks: ForceNew
            { path: "prefixListIds", source: SRC.sgRule }, // prefix_list_ids: ForceNew
            { path: "protocol", source: SRC.sgRule }, // protocol: ForceNew
            { path: "securityGroupId", source: SRC.sgRule }, // security_group_id: ForceNew
            { path: "self", source: SRC.sgRule }, // self: ForceNew
            { path: "sourceSecurityGroupId", source: SRC.sgRule }, // source_security_group_id: ForceNew
            { path: "toPort", source: SRC.sgRule }, // to_port: ForceNew
            { path: "type", source: SRC.sgRule }, // type: ForceNew
        ],
        references: [
            { path: "securityGroupId", targetType: "aws:ec2/securityGroup:SecurityGroup", changesOnReplace: "always" },
        ],
    },
    // aws_vpc_security_group_egress_rule embeds the same resourceSecurityGroupRule base
    // (vpc_security_group_egress_rule.go), so both rule resources share these rows.
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        stateful: false,
        label: "security group ingress rule",
        forceNew: vpcRuleRows,
        references: vpcRuleRefs,
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        stateful: false,
        label: "security group egress rule",
        forceNew: vpcRuleRows,
        references: vpcRuleRefs,
    },
    "aws:ec2/subnet:Subnet": {
        stateful: false,
        label: "subnet",
        forceNew: [
            { path: "availabilityZone", source: SRC.subnet }, // availability_zone: ForceNew
            { path: "availabilityZoneId", source: SRC.subnet }, // availability_zone_id: ForceNew
            { path: "cidrBlock", source: SRC.subnet }, // cidr_block: ForceNew
            { path: "ipv4IpamPoolId", source: SRC.subnet }, // ipv4_ipam_pool_id: ForceNew
            { path: "ipv4NetmaskLength", source: SRC.subnet }, // ipv4_netmask_length: ForceNew
            { path: "ipv6IpamPoolId", source: SRC.subnet }, // ipv6_ipam_pool_id: ForceNew
            { path: "ipv6Native", source: SRC.subnet }, // ipv6_native: ForceNew
            { path: "ipv6NetmaskLength", source: SRC.subnet }, // ipv6_netmask_length: ForceNew
            { path: "outpostArn", source: SRC.subnet }, // outpost_arn: ForceNew
            { path: "vpcId", source: SRC.subnet }, // vpc_id: Required, ForceNew
            {
                // CustomizeDiff: ForceNewIf("ipv6_cidr_block") when the old subnet had assign_ipv6_address_on_creation
                path: "ipv6CidrBlock",
                source: `${SRC.subnet} (CustomizeDiff ForceNewIf)`,
                condition: {
                    label: "assignIpv6AddressOnCreation was true",
                    holds: (base) => base.assignIpv6AddressOnCreation === true,
                },
            },
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    "aws:ec2/vpc:Vpc": {
        stateful: false,
        label: "VPC",
        forceNew: [
            { path: "cidrBlock", source: SRC.vpc }, // cidr_block: ForceNew
            { path: "ipv4IpamPoolId", source: SRC.vpc }, // ipv4_ipam_pool_id: ForceNew
            { path: "ipv4NetmaskLength", source: SRC.vpc }, // ipv4_netmask_length: ForceNew
        ],
        references: [],
    },
};

// ---------------------------------------------------------------------------------------------
// Property paths (Pulumi's ignoreChanges / replaceOnChanges syntax).

/** A parsed path: object keys (string) and list indexes (number); "*" matches any one segment. */
export type PathSegment = string | number;

/** Parses `a.b[0]["c.d"][*].e` into segments. Throws on malformed input. */
export function parsePath(path: string): PathSegment[] {
    const out: PathSegment[] = [];
    let i = 0;
    const n = path.length;
    let expectKey = true;
    while (i < n) {
        const c = path[i];
        if (c === "[") {
            const close = path.indexOf("]", i);
            if (close < 0) throw new Error(`unterminated [ in path ${path}`);
            const inner = path.slice(i + 1, close);
            if (inner === "*") out.push("*");
            else if (/^\d+$/.test(inner)) out.push(Number(inner));
            else if (/^".*"$/s.test(inner)) out.push(JSON.parse(inner) as string);
            else throw new Error(`bad index [${inner}] in path ${path}`);
            i = close + 1;
            expectKey = false;
        } else if (c === ".") {
            i++;
            expectKey = true;
        } else {
            if (!expectKey) throw new Error(`missing . before ${path.slice(i)} in path ${path}`);
            let j = i;
            while (j < n && path[j] !== "." && path[j] !== "[") j++;
            out.push(path.slice(i, j));
            i = j;
            expectKey = false;
        }
    }
    return out;
}

/** Formats segments back into a path; keys that are not plain identifiers use ["key"]. */
export function formatPath(segments: PathSegment[]): string {
    let s = "";
    for (const seg of segments) {
        if (typeof seg === "number") s += `[${seg}]`;
        else if (seg === "*") s += s === "" ? "*" : "[*]";
        else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) s += s === "" ? seg : `.${seg}`;
        else s += `[${JSON.stringify(seg)}]`;
    }
    return s;
}

/** True when `pattern` covers `path`: equal, or a prefix of it ("*" matches any one segment). */
export function patternCovers(pattern: PathSegment[], path: PathSegment[]): boolean {
    if (pattern.length === 1 && pattern[0] === "*") return true;
    if (pattern.length > path.length) return false;
    return pattern.every((p, i) => p === "*" || p === path[i]);
}

/** True when either path is a prefix of the other (used for "does this change touch that property"). */
export function pathsOverlap(a: PathSegment[], b: PathSegment[]): boolean {
    const len = Math.min(a.length, b.length);
    for (let i = 0; i < len; i++) {
        if (a[i] !== "*" && b[i] !== "*" && a[i] !== b[i]) return false;
    }
    return true;
}

/** Reads a path, projecting `*` over list elements (and object values). */
export function getPath(value: unknown, segments: PathSegment[]): unknown {
    if (segments.length === 0) return value;
    const [head, ...rest] = segments;
    if (value === undefined || value === null) return undefined;
    if (head === "*") {
        if (Array.isArray(value)) return value.map((v) => getPath(v, rest));
        if (typeof value === "object") return Object.values(value as Record<string, unknown>).map((v) => getPath(v, rest));
        return undefined;
    }
    if (typeof head === "number") return Array.isArray(value) ? getPath(value[head], rest) : undefined;
    if (typeof value !== "object" || Array.isArray(value)) return undefined;
    return getPath((value as Record<string, unknown>)[head], rest);
}

export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
        const bb = b as unknown[];
        return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
    }
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
    const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
    return ak.length === bk.length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/** True if the value is or contains the "[secret]" placeholder. */
export function containsSecret(v: unknown): boolean {
    if (v === SECRET_PLACEHOLDER) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(containsSecret);
    return false;
}

/** True if the value is or contains the engine's unknown sentinel. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN_SENTINEL) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v as Record<string, unknown>).some(containsUnknown);
    return false;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface ForceNewHit {
    /** The table row's path (or the replaceOnChanges pattern). */
    path: string;
    before: unknown;
    after: unknown;
    source: string;
    /** "certain": values differ. "unknown": HEAD value unknown until apply. "secret": both masked, cannot compare. */
    certainty: "certain" | "unknown" | "secret";
    condition?: string;
}

/**
 * Force-new rows of the table whose value differs between BASE and HEAD inputs, skipping rows
 * covered by HEAD's ignoreChanges (Pulumi keeps the old value for those).
 */
export function forceNewHits(type: string, base: Inputs, head: Inputs, ignoreChanges: string[]): ForceNewHit[] {
    const kind = RESOURCE_KINDS[type];
    if (!kind) return [];
    const ignores = ignoreChanges.map(parsePath);
    const hits: ForceNewHit[] = [];
    for (const rule of kind.forceNew) {
        if (rule.condition && !rule.condition.holds(base, head)) continue;
        let before: unknown;
        let after: unknown;
        if (rule.project) {
            before = rule.project(base);
            after = rule.project(head);
        } else {
            const segs = parsePath(rule.path);
            if (ignores.some((p) => patternCovers(p, segs))) continue;
            before = getPath(base, segs);
            after = getPath(head, segs);
        }
        const hit = { path: rule.path, before, after, source: rule.source, ...(rule.condition ? { condition: rule.condition.label } : {}) };
        if (!deepEqual(before, after)) {
            hits.push({ ...hit, certainty: containsUnknown(after) ? "unknown" : "certain" });
        } else if (containsSecret(after)) {
            hits.push({ ...hit, certainty: "secret" });
        } else if (containsUnknown(after)) {
            hits.push({ ...hit, certainty: "unknown" });
        }
    }
    return hits;
}
