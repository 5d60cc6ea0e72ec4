/**
 * `aws:lb/loadBalancer:LoadBalancer` (aws_lb, terraform-provider-aws internal/service/elbv2/load_balancer.go): what AWS
 * and the provider do for it, as the offline engine and the simulated provider model it.
 */
import { deepEqual } from "../../../lib/values";
import { AwsError } from "../errors";
import { asList, regionRow, TF_DOCS, TF_ELB } from "../rows";
import type { Inputs } from "../rows";
import { LOAD_BALANCER } from "../tokens";
import type { AwsType, Props } from "../type";

/** Every element of `inner` is in `outer` (set semantics, elements compared with deepEqual). */
const containsAll = (outer: unknown[], inner: unknown[]): boolean => inner.every((x) => outer.some((y) => deepEqual(x, y)));
const sameSet = (a: unknown[], b: unknown[]): boolean => a.length === b.length && containsAll(a, b) && containsAll(b, a);
const lbType = (inputs: Inputs): unknown => inputs.loadBalancerType ?? "application";

/** customizeDiffLoadBalancerNLB: a network LB's subnets can only grow. */
const nlbSubnetsShrinkOrSwap = {
    label: "loadBalancerType is network and subnets are removed or swapped (only additions apply in place)",
    holds: (base: Inputs, head: Inputs) => {
        const [b, h] = [asList(base.subnets), asList(head.subnets)];
        return lbType(head) === "network" && !sameSet(b, h) && h.length <= b.length;
    },
};
const nlbSubnetMappingsChange = {
    label: "loadBalancerType is network and subnetMappings are removed or changed (only additions apply in place)",
    holds: (base: Inputs, head: Inputs) => {
        const [b, h] = [asList(base.subnetMappings), asList(head.subnetMappings)];
        return lbType(head) === "network" && !sameSet(b, h) && (h.length <= b.length || !containsAll(h, b));
    },
};
const albSubnetMappingsChange = {
    label: "loadBalancerType is application and an existing subnetMapping changes (pure additions or removals apply in place)",
    holds: (base: Inputs, head: Inputs) => {
        const [b, h] = [asList(base.subnetMappings), asList(head.subnetMappings)];
        if (lbType(head) !== "application" || sameSet(b, h)) return false;
        if (h.length === b.length) return true;
        return h.length < b.length ? !containsAll(b, h) : !containsAll(h, b);
    },
};
const nlbSecurityGroupsAddedOrAllRemoved = {
    label: "loadBalancerType is network and securityGroups go from none to some or from some to none",
    holds: (base: Inputs, head: Inputs) =>
        lbType(head) === "network" && (asList(base.securityGroups).length === 0) !== (asList(head.securityGroups).length === 0),
};
const nlbSecondaryIpsDecreased = {
    label: "loadBalancerType is network and secondaryIpsAutoAssignedPerSubnet decreases",
    holds: (base: Inputs, head: Inputs) =>
        lbType(head) === "network" &&
        typeof base.secondaryIpsAutoAssignedPerSubnet === "number" &&
        typeof head.secondaryIpsAutoAssignedPerSubnet === "number" &&
        head.secondaryIpsAutoAssignedPerSubnet < base.secondaryIpsAutoAssignedPerSubnet,
};

const SRC = {
    lb: `${TF_ELB}load_balancer.go (aws_lb schema)`,
    lbNetwork: `${TF_ELB}load_balancer.go (customizeDiffLoadBalancerNLB: diff.ForceNew)`,
    lbApplication: `${TF_ELB}load_balancer.go (customizeDiffLoadBalancerALB: diff.ForceNew("subnet_mapping"))`,
    lbSecondaryIps: `${TF_DOCS}lb.html.markdown (secondary_ips_auto_assigned_per_subnet: decreasing it forces recreation)`,
} as const;

export const loadBalancer: AwsType = {
    token: LOAD_BALANCER,
    kind: {
        // A new load balancer has a new DNS name (and ARN): anything that points at the old one breaks.
        stateful: true,
        label: "load balancer",
        forceNew: [
            { path: "customerOwnedIpv4Pool", source: SRC.lb }, // customer_owned_ipv4_pool: ForceNew
            { path: "internal", source: SRC.lb }, // internal: ForceNew
            { path: "loadBalancerType", source: SRC.lb }, // load_balancer_type: ForceNew (default application)
            { path: "name", source: SRC.lb }, // name: ForceNew
            { path: "namePrefix", source: SRC.lb }, // name_prefix: ForceNew
            { path: "subnets", source: SRC.lbNetwork, condition: nlbSubnetsShrinkOrSwap }, // diff.ForceNew("subnets")
            { path: "subnetMappings", source: SRC.lbNetwork, condition: nlbSubnetMappingsChange }, // diff.ForceNew("subnet_mapping")
            { path: "subnetMappings", source: SRC.lbApplication, condition: albSubnetMappingsChange }, // diff.ForceNew("subnet_mapping")
            { path: "securityGroups", source: SRC.lbNetwork, condition: nlbSecurityGroupsAddedOrAllRemoved }, // diff.ForceNew("security_groups")
            { path: "secondaryIpsAutoAssignedPerSubnet", source: SRC.lbSecondaryIps, condition: nlbSecondaryIpsDecreased },
            regionRow,
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws elbv2/load_balancer.go).
    computed: [
        "enforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "internal", "ipAddressType", "name", "namePrefix", "securityGroups", "subnetMappings", "subnets",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`. aws_lb's autoname allows 255, but terraform-provider-aws internal/service/elbv2 validates a load balancer name of at most 32 characters at plan time, so 32 is the limit that holds.
    autonamed: { property: "name", maxLength: 32 },
    create(w, a) {
        const { p, name: n } = a;
        const type = String(p.loadBalancerType ?? "application");
        if (type !== "application") {
            throw new Error(`The AWS model has only application load balancers, not ${type} (${n}); add it to offline/aws/lb/load-balancer.ts`);
        }
        const subnetIds = ((p.subnets as string[] | undefined) ?? (p.subnetMappings as Props[] | undefined)?.map(m => String(m.subnetId)) ?? []).map(String);
        const subnets = subnetIds.map(id => {
            const subnet = w.subnet(id);
            if (!subnet) {
                throw new AwsError("SubnetNotFound", `The specified subnet does not exist: '${id}'`);
            }
            return subnet;
        });
        const zones = subnets.map(s => s.az);
        if (new Set(zones).size !== zones.length) {
            throw new AwsError("InvalidConfigurationRequest", "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
        }
        if (zones.length < 2) {
            throw new AwsError("ValidationError", "At least two subnets in two different Availability Zones must be specified");
        }
        const vpcId = subnets[0].vpcId;
        if (subnets.some(s => s.vpcId !== vpcId)) {
            throw new AwsError("InvalidConfigurationRequest", `The subnets ${subnetIds.join(", ")} are not all in one VPC`);
        }
        for (const sg of (p.securityGroups as string[] | undefined) ?? []) {
            const group = w.securityGroup(sg, vpcId);
            if (!group || group.vpcId !== vpcId) {
                throw new AwsError("InvalidSecurityGroup", `The security group '${sg}' does not exist in VPC '${vpcId}'`);
            }
        }
        const internal = p.internal === true;
        const ipAddressType = String(p.ipAddressType ?? "ipv4");
        if (ipAddressType !== "ipv4") {
            // The model's subnets have no IPv6 CIDR, and AWS needs one in every subnet for dualstack.
            throw new AwsError("InvalidConfigurationRequest", `ipAddressType ${ipAddressType} needs subnets with an IPv6 CIDR block`);
        }
        const name = String(p.name ?? w.limitedAutoname(a.type, n, 32));
        const lbId = w.hex(`lb/${n}`, 16);
        const arn = w.arn("elasticloadbalancing", `loadbalancer/app/${name}/${lbId}`);
        // <name>-<number>.<region>.elb.amazonaws.com (.com.cn in China); internal ones start with "internal-".
        const number = 1_000_000_000 + (parseInt(w.hex(`lb-dns/${n}`, 8), 16) % 9_000_000_000);
        const dnsName = `${internal ? "internal-" : ""}${name}-${number}.${w.region}.elb.${w.dnsSuffix}`;
        w.loadBalancers.set(arn, { vpcId, listenerPorts: new Set() });
        return {
            id: arn, state: a.state({
                arn, arnSuffix: `app/${name}/${lbId}`, name, dnsName, zoneId: w.albHostedZoneId(), vpcId,
                loadBalancerType: type, internal, ipAddressType, subnets: subnetIds,
                subnetMappings: subnets.map(s => ({ subnetId: s.id, allocationId: "", privateIpv4Address: "", ipv6Address: "", outpostId: "" })),
                securityGroups: p.securityGroups ?? [], enableDeletionProtection: p.enableDeletionProtection ?? false,
                dropInvalidHeaderFields: p.dropInvalidHeaderFields ?? false, idleTimeout: p.idleTimeout ?? 60, enableHttp2: p.enableHttp2 ?? true,
                desyncMitigationMode: p.desyncMitigationMode ?? "defensive", xffHeaderProcessingMode: p.xffHeaderProcessingMode ?? "append",
            }),
        };
    },
    seed(w, id, o) {
        w.loadBalancers.set(id, { vpcId: String(o.vpcId), listenerPorts: new Set() });
    },
    deleteRefusal(r) {
        if (r.outputs.enableDeletionProtection === true) {
            return { message: `OperationNotPermitted: Load balancer '${r.id}' cannot be deleted because deletion protection is enabled`, source: "Elastic Load Balancing API DeleteLoadBalancer; terraform-provider-aws internal/service/elbv2/load_balancer.go resourceLoadBalancerDelete" };
        }
        return undefined;
    },
    deleteFate(r) {
        return `deletes the load balancer: its DNS name ${r.outputs.dnsName ?? ""} stops resolving for good (a new one gets a new name; update DNS records that point at it)`;
    },
};
