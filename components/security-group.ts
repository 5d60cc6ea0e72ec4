import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import { ruleSlug } from "../lib/rule-names";

/** The protocol of a rule: `all` means every protocol and port, and takes no ports. */
export const Protocol = {
    Tcp: "tcp",
    Udp: "udp",
    Icmp: "icmp",
    Icmpv6: "icmpv6",
    All: "all",
} as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];

/** What a rule's peer (its source, or for an outbound rule its destination) is. */
export const PeerKind = {
    CidrIpv4: "cidrIpv4",
    CidrIpv6: "cidrIpv6",
    SecurityGroup: "securityGroup",
    PrefixList: "prefixList",
} as const;
export type PeerKind = (typeof PeerKind)[keyof typeof PeerKind];

/** The one source (or destination) of a rule. */
export interface RulePeer {
    kind: PeerKind;
    /** A CIDR, a security group id (`sg-…`) or a managed prefix list id (`pl-…`), as `kind` says. */
    value: string;
}

/** One firewall rule for one source (or destination): it becomes exactly one AWS rule resource. */
export interface FirewallRule {
    protocol: Protocol;
    /** tcp/udp: first port; icmp/icmpv6: ICMP type (-1 = all). @default none (protocol `all` takes no ports) */
    fromPort?: number;
    /** tcp/udp: last port; icmp/icmpv6: ICMP code (-1 = all). @default none (protocol `all` takes no ports) */
    toPort?: number;
    peer: RulePeer;
    description: string;
}

export interface SecurityGroupArgs {
    /** Use these existing security groups instead of creating one. No resource is created. @default none (a group is created) */
    existingSecurityGroupIds?: string[];
    /** VPC of the new group. Required unless `existingSecurityGroupIds` is given. @default none */
    vpcId?: pulumi.Input<string>;
    /** Inbound rules, one AWS rule resource each. @default [] (nothing may connect) */
    ingress?: FirewallRule[];
    /**
     * Outbound rules. A security group created by Pulumi has NO egress rule (AWS's implicit allow-all is removed),
     * so without this the group gets explicit allow-all rules for IPv4 and IPv6 (`ALLOW_ALL_EGRESS`). `[]` means no
     * outbound traffic at all.
     * @default ALLOW_ALL_EGRESS (all traffic out, IPv4 and IPv6)
     */
    egress?: FirewallRule[];
    /** The group's description. Changing it replaces the group. @default "ec2-server instances" */
    description?: string;
    /** Prefix of the Name tags. @default the component name */
    namePrefix?: string;
    /** Tags for the group and its rules. @default {} */
    tags?: Record<string, string>;
}

/** The AWS rule arguments for one rule's peer (exactly one source or destination per rule resource). */
function peerArgs(rule: FirewallRule) {
    switch (rule.peer.kind) {
        case "cidrIpv4": return { cidrIpv4: rule.peer.value };
        case "cidrIpv6": return { cidrIpv6: rule.peer.value };
        case "securityGroup": return { referencedSecurityGroupId: rule.peer.value };
        case "prefixList": return { prefixListId: rule.peer.value };
    }
}

/** AWS protocol and port arguments. `-1` means all traffic and takes no ports. */
function protocolArgs(rule: FirewallRule) {
    if (rule.protocol === "all") {
        return { ipProtocol: "-1" };
    }
    return { ipProtocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort };
}

export const ALLOW_ALL_EGRESS: FirewallRule[] = [
    { protocol: "all", peer: { kind: "cidrIpv4", value: "0.0.0.0/0" }, description: "All outbound IPv4 traffic" },
    { protocol: "all", peer: { kind: "cidrIpv6", value: "::/0" }, description: "All outbound IPv6 traffic" },
];

/**
 * A security group whose every rule is a standalone `aws.vpc.SecurityGroupIngressRule` /
 * `aws.vpc.SecurityGroupEgressRule` (one per source), with an explicit outbound policy. Or existing groups.
 * Rules are named after their content (`<name>-in-tcp-22-203.0.113.10-32`), so adding or removing one rule
 * never renames, and so never replaces, the others.
 */
export class SecurityGroup extends pulumi.ComponentResource {
    /** The ids to attach to the servers. */
    public readonly securityGroupIds: pulumi.Output<string>[];
    /** The created group's id (undefined when existing groups are used). */
    public readonly securityGroupId?: pulumi.Output<string>;

    constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:security:SecurityGroup", name, {}, opts);
        for (const key of ["ingress", "egress"] as const) {
            // A JavaScript caller, or one of the old API's `egress: "all"`, which the types no longer allow.
            if (args[key] !== undefined && !Array.isArray(args[key])) {
                throw new Error(`'${key}' must be a list of rules${key === "egress" ? " (leave it unset to allow all outbound traffic)" : ""}, got ${JSON.stringify(args[key])}`);
            }
        }
        if (args.existingSecurityGroupIds && (args.ingress?.length || args.egress !== undefined || args.vpcId !== undefined)) {
            throw new Error("Cannot specify both 'existingSecurityGroupIds' and 'vpcId', 'ingress' or 'egress'");
        }
        if (args.existingSecurityGroupIds) {
            if (args.existingSecurityGroupIds.length === 0) {
                throw new Error("'existingSecurityGroupIds' must not be empty");
            }
            this.securityGroupIds = args.existingSecurityGroupIds.map(id => pulumi.output(id));
            this.registerOutputs({ securityGroupIds: this.securityGroupIds });
            return;
        }
        if (args.vpcId === undefined) {
            throw new Error("'vpcId' is required when creating a security group");
        }
        const tags = args.tags ?? {};
        const prefix = args.namePrefix ?? name;
        const child = { parent: this };
        const group = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: args.description ?? "ec2-server instances",
            // Let a destroy succeed even when another group still references this one.
            revokeRulesOnDelete: true,
            tags: { ...tags, Name: prefix },
        }, child);

        for (const rule of args.ingress ?? []) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-in-${ruleSlug(rule)}`, {
                securityGroupId: group.id,
                ...protocolArgs(rule),
                ...peerArgs(rule),
                description: rule.description,
                tags: { ...tags, Name: `${prefix}-in-${ruleSlug(rule)}` },
            }, child);
        }
        const egress = args.egress ?? ALLOW_ALL_EGRESS;
        for (const rule of egress) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-out-${ruleSlug(rule)}`, {
                securityGroupId: group.id,
                ...protocolArgs(rule),
                ...peerArgs(rule),
                description: rule.description,
                tags: { ...tags, Name: `${prefix}-out-${ruleSlug(rule)}` },
            }, child);
        }

        this.securityGroupId = group.id;
        this.securityGroupIds = [group.id];
        this.registerOutputs({ securityGroupId: this.securityGroupId, securityGroupIds: this.securityGroupIds });
    }
}
