/**
 * What the two separate security group rule types (aws_vpc_security_group_ingress_rule and
 * aws_vpc_security_group_egress_rule, internal/service/ec2/vpc_security_group_ingress_rule.go and
 * vpc_security_group_egress_rule.go) share: AWS's checks of a rule, and their force-new rows.
 * aws_vpc_security_group_egress_rule embeds the same resourceSecurityGroupRule base
 * (vpc_security_group_egress_rule.go), so both rule resources share these rows.
 */
import { parseIpv4Cidr, parseIpv6Cidr } from "../../../lib/cidr";
import { AwsError } from "../errors";
import { regionFrameworkRow, TF_EC2 } from "../rows";
import type { ForceNewRule, ReferenceRule } from "../rows";
import type { AwsType, Props } from "../type";
import type { World } from "../world";

const SRC = {
    sgVpcRule: `${TF_EC2}vpc_security_group_ingress_rule.go (resource.RequiresReplace on security_group_id)`,
    sgVpcRuleSource: `${TF_EC2}vpc_security_group_ingress_rule.go (ModifyPlan: changing the rule's source type requires replacement)`,
} as const;

const ruleSourceKeys = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"];
export const vpcRuleRows: ForceNewRule[] = [
    { path: "securityGroupId", source: SRC.sgVpcRule },
    {
        path: "(source type: cidrIpv4 | cidrIpv6 | prefixListId | referencedSecurityGroupId)",
        source: SRC.sgVpcRuleSource,
        project: (inputs) => ruleSourceKeys.filter((k) => inputs[k] !== undefined && inputs[k] !== null).join(","),
    },
    regionFrameworkRow, // framework resource: region interceptor in ModifyPlan
];
export const vpcRuleRefs: ReferenceRule[] = [
    { path: "securityGroupId", targetType: "aws:ec2/securityGroup:SecurityGroup", changesOnReplace: "always" },
];

/** What AWS checks of a rule when it is created (AuthorizeSecurityGroupIngress / Egress). */
export function checkRule(w: World, type: string, p: Props): void {
    const sources = ["cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"].filter(k => p[k] !== undefined);
    if (sources.length !== 1) {
        throw new AwsError("InvalidParameterCombination", `${type} takes exactly one of cidr_ipv4, cidr_ipv6, referenced_security_group_id, prefix_list_id (got ${sources.join(", ") || "none"})`);
    }
    if (!w.securityGroup(String(p.securityGroupId), undefined)) {
        throw new AwsError("InvalidGroup.NotFound", `The security group '${p.securityGroupId}' does not exist`);
    }
    // The model does not check a rule's source group or prefix list; it says so.
    if (p.referencedSecurityGroupId !== undefined && !w.securityGroups.has(String(p.referencedSecurityGroupId))) {
        w.notLookedUp(String(p.referencedSecurityGroupId), "to exist (a rule's source or destination group; not looked up)");
    }
    if (p.prefixListId !== undefined) {
        w.notLookedUp(String(p.prefixListId), "to exist (a rule's managed prefix list; not looked up, its entries unknown)");
    }
    const protocol = String(p.ipProtocol);
    if (protocol === "-1" && (p.fromPort !== undefined || p.toPort !== undefined)) {
        throw new AwsError("InvalidParameterValue", "ip_protocol -1 means all ports; from_port and to_port must not be set");
    }
    if ((protocol === "tcp" || protocol === "udp") && (typeof p.fromPort !== "number" || typeof p.toPort !== "number" || p.fromPort > p.toPort)) {
        throw new AwsError("InvalidParameterValue", `${protocol} rules need from_port <= to_port`);
    }
    if (p.cidrIpv4 !== undefined && !parseIpv4Cidr(String(p.cidrIpv4))) {
        throw new AwsError("InvalidParameterValue", `invalid IPv4 CIDR ${p.cidrIpv4}`);
    }
    if (p.cidrIpv6 !== undefined && !parseIpv6Cidr(String(p.cidrIpv6))) {
        throw new AwsError("InvalidParameterValue", `invalid IPv6 CIDR ${p.cidrIpv6}`);
    }
}

/** A separate rule type (ingress or egress): the same checks, force-new rows and create. */
export function securityGroupRuleType(token: string, label: string): AwsType {
    return {
        token,
        kind: {
            stateful: false,
            label,
            forceNew: vpcRuleRows,
            references: vpcRuleRefs,
        },
        create(w, a) {
            const { p, name: n } = a;
            checkRule(w, a.type, p);
            const id = w.awsId("sgr", n);
            return { id, state: a.state({ arn: w.arn("ec2", `security-group-rule/${id}`), securityGroupRuleId: id }) };
        },
    };
}
