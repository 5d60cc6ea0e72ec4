import { PolicyProviderResource, ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { bool, get, isUnknown, list, show, str, UNKNOWN, Unknown } from "../lib/unknown";
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
    "aws:autoscaling/group:Group",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:alb/loadBalancer:LoadBalancer",
    "aws:lb/listener:Listener",
    "aws:alb/listener:Listener",
    "aws:lb/targetGroup:TargetGroup",
    "aws:alb/targetGroup:TargetGroup",
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
type TagStates = Map<string, TagState>;

/** "set" for a non-empty or unknown value, "empty" for a blank string, undefined (absent) for anything else. */
function tagState(value: unknown): TagState | undefined {
    if (value === UNKNOWN || (typeof value === "string" && value.trim() !== "")) {
        return "set";
    }
    return typeof value === "string" ? "empty" : undefined;
}

/** Tag keys of a tags map: "set" (non-empty or unknown value) or "empty"; null values count as absent. */
function tagStates(tags: unknown): TagStates | Unknown {
    if (isUnknown(tags)) {
        return UNKNOWN;
    }
    const states = new Map<string, TagState>();
    if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
        return states;
    }
    for (const key of Object.keys(tags)) {
        const state = tagState(get(tags, key));
        if (state !== undefined) {
            states.set(key, state);
        }
    }
    return states;
}

/**
 * An Auto Scaling group's `tags` list ([{ key, value, propagateAtLaunch }]): the states of its keys, and the
 * keys that are not propagated to the instances it launches (propagateAtLaunch false or unset; an unknown
 * propagateAtLaunch counts as propagated). `UNKNOWN` when the list, an entry or a key is unknown.
 */
function groupTags(tags: unknown): { states: TagStates; notPropagated: Set<string> } | Unknown {
    const entries = list(tags);
    if (entries === UNKNOWN) {
        return UNKNOWN;
    }
    const states: TagStates = new Map();
    const notPropagated = new Set<string>();
    for (const entry of entries) {
        const key = str(get(entry, "key"));
        if (entry === UNKNOWN || key === UNKNOWN) {
            return UNKNOWN;
        }
        const state = key === undefined ? undefined : tagState(get(entry, "value"));
        if (key === undefined || state === undefined) {
            continue;
        }
        states.set(key, state);
        const propagate = bool(get(entry, "propagateAtLaunch"));
        if (propagate === false || propagate === undefined) {
            notPropagated.add(key);
        } else {
            notPropagated.delete(key);
        }
    }
    return { states, notPropagated };
}

/**
 * The problems of a tag set against the required keys: ["missing: A, B", "empty: C"], `[]` when complete.
 * A key absent from `own` is looked up in `defaults` (the provider's default tags, where they apply);
 * `UNKNOWN` when that lookup hits unknown default tags.
 */
function tagProblems(required: readonly string[], own: TagStates, defaults: TagStates | Unknown = new Map()): string[] | Unknown {
    const missing: string[] = [];
    const empty: string[] = [];
    for (const key of new Set(required)) {
        const state = own.get(key) ?? (defaults === UNKNOWN ? UNKNOWN : defaults.get(key));
        if (state === UNKNOWN) {
            return UNKNOWN;
        }
        if (state === undefined) {
            missing.push(key);
        } else if (state === "empty") {
            empty.push(key);
        }
    }
    return [
        ...(missing.length > 0 ? [`missing: ${missing.join(", ")}`] : []),
        ...(empty.length > 0 ? [`empty: ${empty.join(", ")}`] : []),
    ];
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
 *
 * Auto Scaling groups and launch templates, whose tags also reach the resources they launch. Provider
 * defaultTags reach neither a group's `tags` list nor a template's `tagSpecifications` (the provider only
 * merges them into top-level `tags` maps; hashicorp/terraform-provider-aws#19387), so there only the tags
 * written count:
 * - aws.autoscaling.Group: its `tags` list ([{ key, value, propagateAtLaunch }]) must hold every required
 *   key, and each of them must have propagateAtLaunch true. The group is the one place that tags the
 *   instances it launches whatever its launch template says (on a key collision the group's value wins).
 * - aws.ec2.LaunchTemplate: its own `tags` map as any resource (defaultTags count), and every declared
 *   `tagSpecifications` entry for a resource type other than "instance" (volume, network-interface, ...)
 *   must hold every required key: an Auto Scaling group never propagates its tags to volumes or network
 *   interfaces, so the template's tag specification is all they get. An "instance" specification is not
 *   checked: instances get their tags from the group (checked above) or, when an aws.ec2.Instance uses the
 *   template, from that Instance's own tags (checked on it). A template without tag specifications is not
 *   reported (an Instance that uses it may tag its volumes with volumeTags). Unknown specifications, tags
 *   maps or resource types are not reported.
 */
export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description:
        "Taggable AWS resources should carry the required tags (default: Name), set on the resource or through " +
        "the provider's defaultTags, and Auto Scaling groups and launch templates should pass them on to the " +
        "instances and volumes they launch: tags drive cost allocation, ownership and incident response.",
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
        if (args.type === T.AutoScalingGroup) {
            validateGroup(required, ownTags, reportViolation);
            return;
        }
        const own = tagStates(ownTags);
        if (own === UNKNOWN) {
            return;
        }
        const problems = tagProblems(required, own, tagStates(providerDefaultTags(args.provider)));
        if (problems !== UNKNOWN && problems.length > 0) {
            reportViolation(
                `Required tags ${problems.join("; ")}. Set them in this resource's tags, or in the AWS provider's ` +
                "defaultTags (aws:defaultTags in the stack config) to tag every resource at once.",
            );
        }
        if (args.type === T.LaunchTemplate) {
            validateTagSpecifications(required, get(args.props, "tagSpecifications"), reportViolation);
        }
    },
};

function validateGroup(required: readonly string[], tags: unknown, reportViolation: (message: string) => void): void {
    const group = groupTags(tags);
    if (group === UNKNOWN) {
        return;
    }
    const problems = tagProblems(required, group.states);
    if (problems !== UNKNOWN && problems.length > 0) {
        reportViolation(
            `Required tags ${problems.join("; ")}. Add them to this Auto Scaling group's tags as ` +
            "{ key, value, propagateAtLaunch: true }: provider defaultTags do not reach Auto Scaling groups.",
        );
    }
    const notPropagated = [...new Set(required)].filter(key => group.states.get(key) === "set" && group.notPropagated.has(key));
    if (notPropagated.length > 0) {
        reportViolation(
            `Required tags not propagated to the instances this group launches: ${notPropagated.join(", ")}. ` +
            "Set propagateAtLaunch: true on them; provider defaultTags do not reach those instances either.",
        );
    }
}

function validateTagSpecifications(required: readonly string[], specs: unknown, reportViolation: (message: string) => void): void {
    const entries = list(specs);
    if (entries === UNKNOWN) {
        return;
    }
    entries.forEach((spec, i) => {
        const resourceType = str(get(spec, "resourceType"));
        if (typeof resourceType !== "string" || resourceType.trim().toLowerCase() === "instance") {
            return;
        }
        const states = tagStates(get(spec, "tags"));
        const problems = states === UNKNOWN ? UNKNOWN : tagProblems(required, states);
        if (problems !== UNKNOWN && problems.length > 0) {
            reportViolation(
                `tagSpecifications[${i}] (resourceType ${show(resourceType)}): required tags ${problems.join("; ")}. ` +
                `Every ${resourceType.trim()} launched from this template gets only these tags (provider defaultTags and ` +
                "Auto Scaling group tags do not reach it): add the keys to this tag specification.",
            );
        }
    });
}
