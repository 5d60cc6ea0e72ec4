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
// Not force-new (applied in place), for reference: Instance instanceType (stop/modify/start; but see
// the architecture row), vpcSecurityGroupIds, ipv6AddressCount, rootBlockDevice.volumeSize/volumeType/
// iops/throughput/deleteOnTermination, metadataOptions, iamInstanceProfile, tags; Volume size/type/iops/
// throughput; SecurityGroup ingress/egress (inline); Vpc enableDnsHostnames/enableDnsSupport and
// instanceTenancy dedicated → default only; Eip instance/networkInterface; InternetGateway vpcId;
// Route targets; RouteTableAssociation routeTableId (the association ID changes); InstanceProfile role;
// LaunchTemplate data (a new version); autoscaling Group sizes/launchTemplate/vpcZoneIdentifiers;
// LoadBalancer subnets of an ALB; Listener port/protocol/defaultActions/certificateArn.
//
// `region` (every regional resource since provider v6) forces replacement when it changes, except
// between unset and the provider's own region, which the table cannot know offline: its row fires only
// when both sides name a region.
//
// Rows whose source is a website/docs page were not found in the indexed provider source (newer than
// the indexed files); they rest on the documentation the bridged SDK (@pulumi/aws) ships.
import { getPath, parsePath, patternCovers } from "./paths";
import { SECRET_PLACEHOLDER, UNKNOWN_SENTINEL } from "./plan/format";
import { deepEqual } from "./values";

export type Inputs = Record<string, unknown>;

const TF = "terraform-provider-aws internal/service/ec2/";
const TF_IAM = "terraform-provider-aws internal/service/iam/";
const TF_ASG = "terraform-provider-aws internal/service/autoscaling/";
const TF_ELB = "terraform-provider-aws internal/service/elbv2/";
const TF_DOCS = "terraform-provider-aws website/docs/r/";
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
    instanceArch: `${TF}ec2_instance.go (CustomizeDiff: customdiff.ForceNewIf on instance_type when the old and new types share no architecture)`,
    instancePrimaryIpv6: `${TF_DOCS}instance.html.markdown (enable_primary_ipv6: disabling it after it was enabled forces recreation)`,
    vpcTenancy: `${TF}vpc_.go (resourceVPCCustomizeDiff: diff.ForceNew("instance_tenancy") unless dedicated → default)`,
    region: "terraform-provider-aws internal/provider/sdkv2/region.go (forceNewIfRegionChanges CustomizeDiff interceptor)",
    regionFramework: "terraform-provider-aws internal/provider/framework/region.go (resourceForceNewIfRegionChangesInterceptor ModifyPlan)",
    defaultSecurityGroup: `${TF}vpc_default_security_group.go (aws_default_security_group schema)`,
    routeTable: `${TF}vpc_route_table.go (aws_route_table schema)`,
    route: `${TF}vpc_route.go (aws_route schema)`,
    routeTableAssociation: `${TF}vpc_route_table_association.go (aws_route_table_association schema)`,
    vpcEndpoint: `${TF}vpc_endpoint.go (aws_vpc_endpoint schema)`,
    vpcEndpointPrivateDns: `${TF_DOCS}vpc_endpoint.html.markdown (private_dns_enabled: forces a new resource unless vpc_endpoint_type is Interface)`,
    launchTemplate: `${TF}ec2_launch_template.go (aws_launch_template schema)`,
    natGateway: `${TF}vpc_nat_gateway.go (aws_nat_gateway schema)`,
    natGatewayPrivateCount: `${TF}vpc_nat_gateway.go (resourceNATGatewayCustomizeDiff: ForceNew("secondary_private_ip_address_count") when connectivity_type = private)`,
    natGatewayAutoMode: `${TF}vpc_nat_gateway.go (validateRegionalNATGatewayAvailabilityZoneAddress: ForceNew("regional_nat_gateway_auto_mode") when availability_zone_address turns empty ↔ non-empty)`,
    role: `${TF_IAM}role.go (aws_iam_role schema)`,
    rolePolicyAttachment: `${TF_IAM}role_policy_attachment.go (aws_iam_role_policy_attachment schema)`,
    instanceProfile: `${TF_IAM}instance_profile.go (aws_iam_instance_profile schema)`,
    asg: `${TF_ASG}group.go (aws_autoscaling_group schema)`,
    asgPolicy: `${TF_ASG}policy.go (aws_autoscaling_policy schema)`,
    asgSchedule: `${TF_ASG}schedule.go (aws_autoscaling_schedule schema)`,
    asgTrafficSource: `${TF_ASG}traffic_source_attachment.go (aws_autoscaling_traffic_source_attachment schema)`,
    lb: `${TF_ELB}load_balancer.go (aws_lb schema)`,
    lbNetwork: `${TF_ELB}load_balancer.go (customizeDiffLoadBalancerNLB: diff.ForceNew)`,
    lbApplication: `${TF_ELB}load_balancer.go (customizeDiffLoadBalancerALB: diff.ForceNew("subnet_mapping"))`,
    lbSecondaryIps: `${TF_DOCS}lb.html.markdown (secondary_ips_auto_assigned_per_subnet: decreasing it forces recreation)`,
    targetGroup: `${TF_ELB}target_group.go (aws_lb_target_group schema)`,
    listener: `${TF_ELB}listener.go (aws_lb_listener schema)`,
    targetGroupAttachment: `${TF_ELB}target_group_attachment.go (aws_lb_target_group_attachment schema)`,
    targetGroupAttachmentQuic: `${TF_DOCS}lb_target_group_attachment.html.markdown (quic_server_id: forces replacement if modified)`,
    privateKey: "terraform-provider-tls internal/provider/resource_private_key.go (privateKeyResourceSchemaV1: RequiresReplace plan modifiers)",
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

const isNamed = (v: unknown): boolean => typeof v === "string" && v !== "";

// forceNewIfRegionChanges ignores unset ↔ the provider's region; offline only "both set" is certain.
const regionSetOnBothSides = {
    label: "region is set on both sides (unset ↔ the provider's own region is not a replacement)",
    holds: (base: Inputs, head: Inputs) => isNamed(base.region) && isNamed(head.region),
};
const regionRow: ForceNewRule = { path: "region", source: SRC.region, condition: regionSetOnBothSides };
const regionFrameworkRow: ForceNewRule = { path: "region", source: SRC.regionFramework, condition: regionSetOnBothSides };

/**
 * CPU architecture of an EC2 instance type, read from its name: Graviton families carry a "g" after
 * the generation digit (t4g, m7gd, c7gn, im4gn, is4gen, g5g); a1 is arm64 too. Undefined when the
 * name does not say (mac*, u-*, unknown values), so the row stays quiet rather than guess.
 */
function instanceTypeArch(type: unknown): "arm64" | "x86_64" | undefined {
    if (typeof type !== "string") return undefined;
    const m = /^([a-z]+)(\d+)([a-z-]*)\.[a-z0-9]+$/.exec(type);
    if (!m || m[1] === "mac") return undefined;
    if (m[1] === "a" && m[2] === "1") return "arm64";
    return m[3].includes("g") ? "arm64" : "x86_64";
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
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

const ruleSourceKeys = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"];
const vpcRuleRows: ForceNewRule[] = [
    { path: "securityGroupId", source: SRC.sgVpcRule },
    {
        path: "(source type: cidrIpv4 | cidrIpv6 | prefixListId | referencedSecurityGroupId)",
        source: SRC.sgVpcRuleSource,
        project: (inputs) => ruleSourceKeys.filter((k) => inputs[k] !== undefined && inputs[k] !== null).join(","),
    },
    regionFrameworkRow, // framework resource: region interceptor in ModifyPlan
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
            // ipv6_address_count is no longer ForceNew: resourceInstanceUpdate assigns/unassigns on the primary ENI.
            { path: "instanceMarketOptions", source: SRC.instance }, // "instance_market_options" (+ spot_options.*): ForceNew
            {
                // customdiff.ForceNewIf(instance_type): findInstanceTypeByName, then !hasCommonElement(SupportedArchitectures)
                path: "instanceType",
                source: SRC.instanceArch,
                condition: {
                    label: "the old and new instance types share no CPU architecture (x86_64 ↔ arm64, read from the type names)",
                    holds: (base, head) => {
                        const [b, h] = [instanceTypeArch(base.instanceType), instanceTypeArch(head.instanceType)];
                        return b !== undefined && h !== undefined && b !== h;
                    },
                },
            },
            {
                path: "enablePrimaryIpv6",
                source: SRC.instancePrimaryIpv6,
                condition: {
                    label: "enablePrimaryIpv6 was true and is turned off",
                    holds: (base, head) => base.enablePrimaryIpv6 === true && head.enablePrimaryIpv6 !== true,
                },
            },
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
            regionRow,
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "keyName", targetType: "aws:ec2/keyPair:KeyPair", changesOnReplace: "if-autonamed" },
            { path: "launchTemplate.id", targetType: "aws:ec2/launchTemplate:LaunchTemplate", changesOnReplace: "always" },
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
            regionRow,
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
            regionRow,
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
            regionRow,
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
            regionRow,
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
            regionRow,
        ],
        // A replaced tls.PrivateKey has new key material, so publicKey (publicKeyOpenssh) always changes.
        references: [{ path: "publicKey", targetType: "tls:index/privateKey:PrivateKey", changesOnReplace: "always" }],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        stateful: false,
        label: "security group",
        forceNew: [
            { path: "description", source: SRC.securityGroup }, // description: ForceNew
            { path: "name", source: SRC.securityGroup }, // name: ForceNew
            { path: "namePrefix", source: SRC.securityGroup }, // name_prefix: ForceNew
            { path: "vpcId", source: SRC.securityGroup }, // vpc_id: ForceNew
            regionRow,
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
            regionRow,
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
            regionRow,
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
            {
                path: "instanceTenancy",
                source: SRC.vpcTenancy,
                condition: {
                    label: "instanceTenancy changes, other than dedicated → default (unset means default)",
                    holds: (base, head) => {
                        const [b, h] = [base.instanceTenancy ?? "default", head.instanceTenancy ?? "default"];
                        return b !== h && !(b === "dedicated" && h === "default");
                    },
                },
            },
            regionRow,
        ],
        references: [],
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        stateful: false,
        label: "default security group",
        forceNew: [
            { path: "vpcId", source: SRC.defaultSecurityGroup }, // vpc_id: ForceNew (name, description: Computed only)
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    "aws:ec2/internetGateway:InternetGateway": {
        stateful: false,
        label: "internet gateway",
        forceNew: [regionRow], // vpc_internet_gateway.go: vpc_id is Optional, Computed, not ForceNew (Update detaches, attaches)
        references: [],
    },
    "aws:ec2/routeTable:RouteTable": {
        stateful: false,
        label: "route table",
        forceNew: [
            { path: "vpcId", source: SRC.routeTable }, // vpc_id: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    "aws:ec2/route:Route": {
        stateful: false,
        label: "route",
        forceNew: [
            { path: "routeTableId", source: SRC.route }, // route_table_id: Required, ForceNew
            { path: "destinationCidrBlock", source: SRC.route }, // destination_cidr_block: ForceNew
            { path: "destinationIpv6CidrBlock", source: SRC.route }, // destination_ipv6_cidr_block: ForceNew
            { path: "destinationPrefixListId", source: SRC.route }, // destination_prefix_list_id: ForceNew
            regionRow,
        ],
        references: [{ path: "routeTableId", targetType: "aws:ec2/routeTable:RouteTable", changesOnReplace: "always" }],
    },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        stateful: false,
        label: "route table association",
        forceNew: [
            { path: "subnetId", source: SRC.routeTableAssociation }, // subnet_id: ForceNew
            { path: "gatewayId", source: SRC.routeTableAssociation }, // gateway_id: ForceNew
            regionRow,
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "gatewayId", targetType: "aws:ec2/internetGateway:InternetGateway", changesOnReplace: "always" },
        ],
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        stateful: false,
        label: "VPC endpoint",
        forceNew: [
            { path: "serviceName", source: SRC.vpcEndpoint }, // service_name: ForceNew
            { path: "vpcEndpointType", source: SRC.vpcEndpoint }, // vpc_endpoint_type: ForceNew (default Gateway)
            { path: "vpcId", source: SRC.vpcEndpoint }, // vpc_id: Required, ForceNew
            {
                path: "privateDnsEnabled",
                source: SRC.vpcEndpointPrivateDns,
                condition: {
                    label: "vpcEndpointType is not Interface",
                    holds: (_base, head) => head.vpcEndpointType !== "Interface",
                },
            },
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    "tls:index/privateKey:PrivateKey": {
        // The key material lives only in state: a new key locks out whatever trusts the old one.
        stateful: true,
        label: "TLS private key",
        forceNew: [
            { path: "algorithm", source: SRC.privateKey }, // algorithm: stringplanmodifier.RequiresReplace()
            { path: "rsaBits", source: SRC.privateKey }, // rsa_bits: int64planmodifier.RequiresReplace()
            { path: "ecdsaCurve", source: SRC.privateKey }, // ecdsa_curve: stringplanmodifier.RequiresReplace()
        ],
        references: [],
    },
    "aws:iam/role:Role": {
        stateful: false,
        label: "IAM role",
        forceNew: [
            { path: "name", source: SRC.role }, // name: ForceNew
            { path: "namePrefix", source: SRC.role }, // name_prefix: ForceNew
            { path: "path", source: SRC.role }, // path: ForceNew
        ],
        references: [],
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        stateful: false,
        label: "IAM role policy attachment",
        forceNew: [
            { path: "policyArn", source: SRC.rolePolicyAttachment }, // policy_arn: Required, ForceNew
            { path: "role", source: SRC.rolePolicyAttachment }, // role: Required, ForceNew
        ],
        references: [{ path: "role", targetType: "aws:iam/role:Role", changesOnReplace: "if-autonamed" }],
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        stateful: false,
        label: "IAM instance profile",
        forceNew: [
            { path: "name", source: SRC.instanceProfile }, // name: ForceNew
            { path: "namePrefix", source: SRC.instanceProfile }, // name_prefix: ForceNew
            { path: "path", source: SRC.instanceProfile }, // path: ForceNew (role: in place)
        ],
        references: [],
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        stateful: false,
        label: "launch template",
        forceNew: [
            { path: "name", source: SRC.launchTemplate }, // name: ForceNew (every other argument makes a new version)
            { path: "namePrefix", source: SRC.launchTemplate }, // name_prefix: ForceNew
            regionRow,
        ],
        references: [],
    },
    "aws:autoscaling/group:Group": {
        stateful: false,
        label: "Auto Scaling group",
        forceNew: [
            { path: "name", source: SRC.asg }, // name: ForceNew
            { path: "namePrefix", source: SRC.asg }, // name_prefix: ForceNew
            { path: "initialLifecycleHooks", source: SRC.asg }, // initial_lifecycle_hook (+ every field): ForceNew
            regionRow,
        ],
        references: [],
    },
    "aws:autoscaling/policy:Policy": {
        stateful: false,
        label: "Auto Scaling policy",
        forceNew: [
            { path: "autoscalingGroupName", source: SRC.asgPolicy }, // autoscaling_group_name: Required, ForceNew
            { path: "name", source: SRC.asgPolicy }, // name: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "autoscalingGroupName", targetType: "aws:autoscaling/group:Group", changesOnReplace: "if-autonamed" }],
    },
    "aws:autoscaling/schedule:Schedule": {
        stateful: false,
        label: "Auto Scaling schedule",
        forceNew: [
            { path: "autoscalingGroupName", source: SRC.asgSchedule }, // autoscaling_group_name: Required, ForceNew
            { path: "scheduledActionName", source: SRC.asgSchedule }, // scheduled_action_name: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "autoscalingGroupName", targetType: "aws:autoscaling/group:Group", changesOnReplace: "if-autonamed" }],
    },
    "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment": {
        stateful: false,
        label: "traffic source attachment",
        forceNew: [
            { path: "autoscalingGroupName", source: SRC.asgTrafficSource }, // autoscaling_group_name: Required, ForceNew
            { path: "trafficSource.identifier", source: SRC.asgTrafficSource }, // traffic_source (ForceNew, MaxItems 1) identifier: Required, ForceNew
            { path: "trafficSource.type", source: SRC.asgTrafficSource }, // traffic_source type: Required, ForceNew
            regionRow,
        ],
        references: [
            { path: "autoscalingGroupName", targetType: "aws:autoscaling/group:Group", changesOnReplace: "if-autonamed" },
            { path: "trafficSource.identifier", targetType: "aws:lb/targetGroup:TargetGroup", changesOnReplace: "always" },
        ],
    },
    "aws:lb/loadBalancer:LoadBalancer": {
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
    "aws:lb/targetGroup:TargetGroup": {
        stateful: false,
        label: "target group",
        forceNew: [
            { path: "ipAddressType", source: SRC.targetGroup }, // ip_address_type: ForceNew
            { path: "name", source: SRC.targetGroup }, // name: ForceNew
            { path: "namePrefix", source: SRC.targetGroup }, // name_prefix: ForceNew
            { path: "port", source: SRC.targetGroup }, // port: ForceNew
            { path: "protocol", source: SRC.targetGroup }, // protocol: ForceNew
            { path: "protocolVersion", source: SRC.targetGroup }, // protocol_version: ForceNew
            { path: "targetType", source: SRC.targetGroup }, // target_type: ForceNew (default instance)
            { path: "vpcId", source: SRC.targetGroup }, // vpc_id: ForceNew
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    "aws:lb/listener:Listener": {
        stateful: false,
        label: "listener",
        forceNew: [
            { path: "loadBalancerArn", source: SRC.listener }, // load_balancer_arn: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "loadBalancerArn", targetType: "aws:lb/loadBalancer:LoadBalancer", changesOnReplace: "always" }],
    },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": {
        stateful: false,
        label: "target group attachment",
        forceNew: [
            { path: "availabilityZone", source: SRC.targetGroupAttachment }, // availability_zone: ForceNew
            { path: "port", source: SRC.targetGroupAttachment }, // port: ForceNew
            { path: "targetGroupArn", source: SRC.targetGroupAttachment }, // target_group_arn: Required, ForceNew
            { path: "targetId", source: SRC.targetGroupAttachment }, // target_id: Required, ForceNew
            { path: "quicServerId", source: SRC.targetGroupAttachmentQuic },
            regionRow,
        ],
        references: [
            { path: "targetGroupArn", targetType: "aws:lb/targetGroup:TargetGroup", changesOnReplace: "always" },
            { path: "targetId", targetType: "aws:ec2/instance:Instance", changesOnReplace: "always" },
        ],
    },
    "aws:ec2/natGateway:NatGateway": {
        stateful: false,
        label: "NAT gateway",
        forceNew: [
            { path: "allocationId", source: SRC.natGateway }, // allocation_id: ForceNew
            { path: "availabilityMode", source: SRC.natGateway }, // availability_mode: ForceNew
            { path: "connectivityType", source: SRC.natGateway }, // connectivity_type: ForceNew (default public)
            { path: "privateIp", source: SRC.natGateway }, // private_ip: ForceNew
            { path: "subnetId", source: SRC.natGateway }, // subnet_id: ForceNew
            { path: "vpcId", source: SRC.natGateway }, // vpc_id: ForceNew
            {
                path: "secondaryPrivateIpAddressCount",
                source: SRC.natGatewayPrivateCount,
                condition: {
                    label: "connectivityType is private and secondaryPrivateIpAddressCount is set",
                    holds: (_base, head) => head.connectivityType === "private" && head.secondaryPrivateIpAddressCount != null,
                },
            },
            {
                path: "availabilityZoneAddresses",
                source: SRC.natGatewayAutoMode,
                condition: {
                    label: "availabilityMode is regional and availabilityZoneAddresses turn empty ↔ non-empty (auto ↔ manual mode)",
                    holds: (base, head) =>
                        head.availabilityMode === "regional" &&
                        (asList(base.availabilityZoneAddresses).length === 0) !== (asList(head.availabilityZoneAddresses).length === 0),
                },
            },
            regionRow,
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "allocationId", targetType: "aws:ec2/eip:Eip", changesOnReplace: "always" },
            { path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" },
        ],
    },
};

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
