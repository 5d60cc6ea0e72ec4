// The shape of the force-new table (offline/force-new.ts) and what its rows share; each type's own rows are in its
// module (offline/aws/<service>/<type>.ts), listed by offline/aws/registry.ts.
//
// Which input changes make AWS (through the Pulumi AWS provider) REPLACE a resource instead of updating it in place.
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

export type Inputs = Record<string, unknown>;

/** terraform-provider-aws's services, as the rows and rules cite them. */
export const TF_SERVICE = "terraform-provider-aws internal/service/";
export const TF_EC2 = "terraform-provider-aws internal/service/ec2/";
export const TF_IAM = "terraform-provider-aws internal/service/iam/";
export const TF_ASG = "terraform-provider-aws internal/service/autoscaling/";
export const TF_ELB = "terraform-provider-aws internal/service/elbv2/";
export const TF_DOCS = "terraform-provider-aws website/docs/r/";

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

const isNamed = (v: unknown): boolean => typeof v === "string" && v !== "";

// forceNewIfRegionChanges ignores unset ↔ the provider's region; offline only "both set" is certain.
const regionSetOnBothSides = {
    label: "region is set on both sides (unset ↔ the provider's own region is not a replacement)",
    holds: (base: Inputs, head: Inputs) => isNamed(base.region) && isNamed(head.region),
};
/** `region` of an SDKv2 resource. */
export const regionRow: ForceNewRule = {
    path: "region",
    source: "terraform-provider-aws internal/provider/sdkv2/region.go (forceNewIfRegionChanges CustomizeDiff interceptor)",
    condition: regionSetOnBothSides,
};
/** `region` of a plugin-framework resource. */
export const regionFrameworkRow: ForceNewRule = {
    path: "region",
    source: "terraform-provider-aws internal/provider/framework/region.go (resourceForceNewIfRegionChangesInterceptor ModifyPlan)",
    condition: regionSetOnBothSides,
};

/** A list input, or [] when it is not one. */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
