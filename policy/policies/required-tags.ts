import { PolicyProviderResource, ResourceValidationPolicy } from "@pulumi/policy";
import { get, isUnknown, UNKNOWN, Unknown } from "../lib/unknown";
import { configList } from "../lib/validation";

/**
 * Which resources are checked: every resource whose type is in TAGGABLE_TYPES (the taggable AWS types this
 * project creates or is likely to), plus any other `aws:` resource whose inputs contain a `tags` key, which
 * is only possible when its schema has tags. Providers, components and non-taggable AWS types (routes,
 * associations, SecurityGroupRule, VolumeAttachment, ...) are not checked.
 */
export const TAGGABLE_TYPES: readonly string[] = [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/eip:Eip",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/defaultRouteTable:DefaultRouteTable",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/flowLog:FlowLog",
    "aws:ec2/networkInterface:NetworkInterface",
    "aws:ec2/instance:Instance",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/keyPair:KeyPair",
    "aws:ebs/volume:Volume",
    "aws:ebs/snapshot:Snapshot",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:iam/role:Role",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:iam/policy:Policy",
    "aws:kms/key:Key",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:ssm/parameter:Parameter",
    "aws:secretsmanager/secret:Secret",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
];

const DEFAULT_REQUIRED_TAGS: readonly string[] = ["Name"];

type TagState = "set" | "empty";

/** Tag keys of a tags map: "set" (non-empty or unknown value) or "empty"; null values count as absent. */
function tagStates(tags: unknown): Map<string, TagState> | Unknown {
    if (isUnknown(tags)) {
        return UNKNOWN;
    }
    const states = new Map<string, TagState>();
    if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
        return states;
    }
    for (const key of Object.keys(tags)) {
        const value = get(tags, key);
        if (value === UNKNOWN || (typeof value === "string" && value.trim() !== "")) {
            states.set(key, "set");
        } else if (typeof value === "string") {
            states.set(key, "empty");
        }
    }
    return states;
}

/**
 * The provider's `defaultTags.tags`. The Node.js AWS provider JSON-encodes its object inputs, and the
 * default provider built from `aws:defaultTags` stack config receives it as a JSON string too, so both a
 * string and an object are accepted.
 */
function providerDefaultTags(provider: PolicyProviderResource | undefined): unknown {
    if (provider === undefined) {
        return undefined;
    }
    let defaultTags = get(provider.props, "defaultTags");
    if (typeof defaultTags === "string") {
        try {
            defaultTags = JSON.parse(defaultTags);
        } catch {
            return undefined;
        }
    }
    return get(defaultTags, "tags");
}

/**
 * Taggable resources carry every configured tag key (`requiredTags`, default ["Name"]) with a non-empty
 * value, from the resource's own `tags` or from its provider's `defaultTags` (a resource tag overrides a
 * default tag with the same key, as in AWS's tagsAll). Unknown values: an unknown `tags` map, or unknown
 * default tags when the resource's own tags are not enough, is not reported; an unknown tag value counts
 * as set.
 */
export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description:
        "Taggable AWS resources should carry the required tags (default: Name), set on the resource or through " +
        "the provider's defaultTags: tags drive cost allocation, ownership and incident response.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string", minLength: 1 },
                default: [...DEFAULT_REQUIRED_TAGS],
                description: "Tag keys every taggable resource must have (case-sensitive).",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const ownTags = get(args.props, "tags");
        if (!TAGGABLE_TYPES.includes(args.type) && !(args.type.startsWith("aws:") && ownTags !== undefined)) {
            args.notApplicable("not a taggable AWS resource");
        }
        const required = configList(args, "requiredTags", DEFAULT_REQUIRED_TAGS, (v): v is string => typeof v === "string" && v !== "");
        const own = tagStates(ownTags);
        if (own === UNKNOWN) {
            return;
        }
        const defaults = tagStates(providerDefaultTags(args.provider));
        const missing: string[] = [];
        const empty: string[] = [];
        for (const key of new Set(required)) {
            const state = own.get(key) ?? (defaults === UNKNOWN ? UNKNOWN : defaults.get(key));
            if (state === UNKNOWN) {
                return;
            }
            if (state === undefined) {
                missing.push(key);
            } else if (state === "empty") {
                empty.push(key);
            }
        }
        const problems = [
            ...(missing.length > 0 ? [`missing: ${missing.join(", ")}`] : []),
            ...(empty.length > 0 ? [`empty: ${empty.join(", ")}`] : []),
        ];
        if (problems.length > 0) {
            reportViolation(
                `Required tags ${problems.join("; ")}. Set them in this resource's tags, or in the AWS provider's ` +
                "defaultTags (aws:defaultTags in the stack config) to tag every resource at once.",
            );
        }
    },
};
