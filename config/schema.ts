/**
 * The `ec2-server` configuration contract as one schema: every key and every field of an object-valued key, with its
 * type, its default, its description and the check of its own value, each check's message saying what is allowed.
 * The known keys, the defaults, the config's TypeScript types, the docs' configuration table and Pulumi.yaml's
 * `config:` block all come from here (config/docs.ts renders the last two; `npm run docs`).
 *
 * What depends on other keys or fields (a volume's limits by its type, a group's max from its min, a rule's ports by its
 * protocol, and the rules between keys in config/rules.ts) is checked where the value is parsed, with its own message.
 */
import * as v from "valibot";
// Types only: the components' Args, which the config maps onto. Importing a component's module would load the SDK.
import type { AutoScalingSetting, InstanceRefreshSetting, ScheduleSetting, SpotSetting } from "../components/auto-scaling";
import type { DataVolumeSettings, VolumeSettings } from "../components/instance";
import type { KeyAlgorithm } from "../components/key-pair";
import type { LoadBalancerSetting } from "../components/load-balancer";
import type { NatGateways } from "../components/network";
import type { FirewallRule, Protocol } from "../components/security-group";
import {
    AMI_ALIASES, AMI_ID_PATTERN, DATA_DEVICE_PATTERN, EBS_TYPES, KNOWN_INSTANCE_TYPES, PRIVATE_RANGES, ROOT_VOLUME_TYPES,
    USER_DATA_MAX_BYTES, closest, instanceTypeArchitecture,
} from "../lib/aws-facts";
import { formatIpv4Cidr, ipv4Contains, ipv4HasHostBits, ipv4Network, parseIpv4Cidr } from "../lib/cidr";
import { NAMESPACE } from "./errors";
import { choice, defaultOf, field, integerKey, json, keysOf, metadataOf, shapeOf, stringList, unwrap, wholeNumber, withHint } from "./fields";
import { CRON_TEXT, OPENSSH_KEY_TYPES, cronProblem, openSshPublicKeyProblem, timeZoneProblem } from "./parsers";

export { NAMESPACE };

// --- ids and ARNs

const SG_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
const PREFIX_LIST_ID = /^pl-([0-9a-f]{8}|[0-9a-f]{17})$/;
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SNAPSHOT_ID = /^snap-([0-9a-f]{8}|[0-9a-f]{17})$/;
/**
 * A KMS key ARN, the only form a volume's kmsKeyId may take: terraform-provider-aws validates `kms_key_id` of
 * aws_ebs_volume with verify.ValidARN (internal/service/ec2/ebs_volume.go, resourceEBSVolume), and
 * resourceEBSVolumeRead / the instance's root block device read back the key ARN AWS stores, whatever alias or id
 * was given; the field forces replacement, so any other form replaces the volume on every `up`.
 */
export const KMS_KEY_ARN = /^arn:(aws[a-z-]*):kms:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KMS_ALIAS = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:)?alias\/[A-Za-z0-9/_-]+$/;
const KMS_KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
/** An ACM certificate ARN; the region is group 2 (an ALB takes certificates of its own region only). */
export const ACM_CERTIFICATE_ARN = /^arn:(aws[a-z-]*):acm:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):certificate\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** The contract's scheduled action names (AWS takes any 1–255 printable characters; these also suit resource names). */
const SCHEDULE_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** A string matching `pattern`; `what` is the error's "expected". */
const pattern = (re: RegExp, what: string) => v.pipe(v.string(what), v.regex(re, what));
/** A JSON boolean inside an object value. */
const flag = () => v.boolean("true or false");

// --- single values

/** A known instance type (`instanceType`, `autoScaling.instanceTypes[i]`), with a suggestion for a typo. */
export const INSTANCE_TYPE = v.pipe(
    v.custom<string>(x => typeof x === "string" && instanceTypeArchitecture(x) !== undefined, issue => {
        const suggestion = typeof issue.input === "string" ? closest(issue.input, KNOWN_INSTANCE_TYPES, 3) : undefined;
        return withHint("a current EC2 instance type such as t3.micro or m7g.large", suggestion ? `did you mean "${suggestion}"?` : "unknown instance type");
    }),
    v.metadata({ type: "string" }),
);

const AMI = v.pipe(
    v.custom<string>(x => typeof x === "string" && (AMI_ALIASES[x] !== undefined || AMI_ID_PATTERN.test(x)), issue => {
        const suggestion = typeof issue.input === "string" ? closest(issue.input, Object.keys(AMI_ALIASES), 3) : undefined;
        return withHint(`an alias (${Object.keys(AMI_ALIASES).join(", ")}) or an AMI id like ami-0123456789abcdef0`, suggestion ? `did you mean "${suggestion}"?` : undefined);
    }),
    v.metadata({ type: "string" }),
);

const KMS_KEY = v.pipe(v.custom<string>(x => typeof x === "string" && KMS_KEY_ARN.test(x), issue => {
    const text = "a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…>";
    const given = issue.input;
    const kind = typeof given !== "string" ? undefined : KMS_ALIAS.test(given) ? "an alias or alias ARN" : KMS_KEY_ID.test(given) ? "a bare key id" : undefined;
    const fix = kind === "a bare key id" ? "use the key's full ARN" : "use the ARN from `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn`";
    return withHint(text, kind && `AWS stores the key ARN, so ${kind} is read back as a different value and replaces the volume on every up; ${fix}`);
}), v.metadata({ type: "string" }));

/** A new VPC's CIDR: /16 to /24, no host bits, in a private range. */
const VPC_CIDR = v.pipe(
    v.string(),
    v.check(c => { const p = parseIpv4Cidr(c); return p !== undefined && p.prefix >= 16 && p.prefix <= 24; },
        "an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)"),
    v.check(c => !ipv4HasHostBits(parseIpv4Cidr(c)!), issue => {
        const p = parseIpv4Cidr(issue.input)!;
        return withHint("a network address with no host bits set", `did you mean "${formatIpv4Cidr({ base: ipv4Network(p), prefix: p.prefix })}"?`);
    }),
    v.check(c => PRIVATE_RANGES.some(r => ipv4Contains(parseIpv4Cidr(r)!, parseIpv4Cidr(c)!)), `a private range inside ${PRIVATE_RANGES.join(", ")}`),
);

// --- objects: the fields of the object-valued keys

/** `gp3 1–65536, gp2 1–16384, …` for the types that take the setting. */
const perType = (types: string[], range: (t: string) => { min: number; max: number } | undefined) =>
    types.filter(t => range(t)).map(t => `${t} ${range(t)!.min}–${range(t)!.max}`).join(", ");
const volumeFields = <S extends v.GenericSchema<unknown, number>>(types: string[], sizeGiB: S) => ({
    sizeGiB: field(sizeGiB, `Size in GiB: ${perType(types, t => ({ min: EBS_TYPES[t].minSizeGiB, max: EBS_TYPES[t].maxSizeGiB }))}. Growing it is in place.`),
    type: field(v.optional(v.picklist(types, `one of ${types.join(", ")}`), "gp3"), `EBS volume type: ${types.join(", ")}.`),
    encrypted: field(v.optional(flag(), true), "Encrypt the volume, with kmsKeyId or else the account's default EBS key."),
    iops: field(v.optional(wholeNumber(100, 256000, { trim: false })),
        `Provisioned IOPS: ${perType(types, t => EBS_TYPES[t].iops)}; required for ${types.filter(t => EBS_TYPES[t].iops?.required).join(" and ")}, taken by no other type.`),
    throughput: field(v.optional(wholeNumber(125, 2000, { trim: false })), `Throughput in MiB/s, ${perType(types, t => EBS_TYPES[t].throughput)}; no other type takes it.`),
    kmsKeyId: field(v.optional(KMS_KEY), "The full ARN `arn:<partition>:kms:<region>:<account>:key/<id>` of a key in the stack's region, on an encrypted volume. Not an alias, alias ARN or bare key id: AWS stores the key ARN, so any other form reads back different and the volume is replaced on every `up`."),
});

export const ROOT_VOLUME = v.object(volumeFields(ROOT_VOLUME_TYPES, v.optional(wholeNumber(1, 65536, { trim: false }), 8)));

export const DATA_VOLUME = v.object({
    ...volumeFields(Object.keys(EBS_TYPES), wholeNumber(1, 65536, { trim: false })),
    name: field(pattern(/^[a-z][a-z0-9-]{0,30}$/, "a short lowercase name matching ^[a-z][a-z0-9-]{0,30}$ (it names the volume resource)"), "Names the volume: a short lowercase name, unique among the data volumes."),
    deviceName: field(pattern(DATA_DEVICE_PATTERN, "a data device name /dev/sdf … /dev/sdp (or /dev/xvdf … /dev/xvdp)"), "`/dev/sdf` … `/dev/sdp` (or `/dev/xvdf` … `/dev/xvdp`), unique among the data volumes."),
    snapshotId: field(v.optional(pattern(SNAPSHOT_ID, "a snapshot id like snap-0123456789abcdef0")), "Create the volume from this snapshot (`snap-…`)."),
});

/** A rule's protocol, as given: any case; `-1` is not taken (AWS's "all" is `all` here). */
export const PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6", "all"] as const;
/** A rule's port, ICMP type or ICMP code: a JSON number or a numeric string. */
const ruleNumber = (what: string, min: number, max: number) => v.optional(wholeNumber(min, max, { expected: `${what} from ${min} to ${max}`, trim: false }));
/** One managed prefix list id, one security group id: each of the given ones of a rule. */
export const PREFIX_LIST_ITEM = pattern(PREFIX_LIST_ID, "a managed prefix list id like pl-0123456789abcdef0");
export const SECURITY_GROUP_ITEM = pattern(SG_ID, "a security group id like sg-0123456789abcdef0");
/** What one rule's description must be. */
export const RULE_DESCRIPTION = v.pipe(v.custom<string>(d => typeof d === "string" && d.trim() !== "" && d.length <= 255 && /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/.test(d),
    "a non-empty description of up to 255 characters from AWS's allowed set (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)"), v.metadata({ type: "string" }));
/** One source or destination, or a list of them. */
const oneOrList = (item: v.GenericSchema<unknown, string>) => v.optional(v.union([item, v.array(item)]));
const ruleFields = (sgKey: string, sgText: string) => ({
    protocol: field(v.pipe(
        v.custom<string>(x => (PROTOCOLS as readonly unknown[]).includes(typeof x === "string" ? x.toLowerCase() : x), `one of ${PROTOCOLS.join(", ")}`),
        v.transform(x => x.toLowerCase() as Protocol), v.metadata({ type: "string" }),
    ), "`tcp`, `udp`, `icmp`, `icmpv6` or `all` (every protocol and port; no ports)."),
    port: field(ruleNumber("an integer port", 0, 65535), "One port (tcp, udp), instead of fromPort and toPort."),
    fromPort: field(ruleNumber("an integer port", 0, 65535), "The first port of a range (tcp, udp), with toPort."),
    toPort: field(ruleNumber("an integer port", 0, 65535), "The last port of a range (tcp, udp), from fromPort."),
    icmpType: field(ruleNumber("an ICMP type", -1, 255), "icmp and icmpv6: the ICMP type; -1 (the default) for all."),
    icmpCode: field(ruleNumber("an ICMP code", -1, 255), "icmp and icmpv6: the ICMP code; -1 (the default) for all, and the only code with type -1 (AWS requires it)."),
    cidr: field(oneOrList(v.string()), "IPv4 CIDRs with no host bits: one, or a list."),
    ipv6Cidr: field(oneOrList(v.string()), "IPv6 CIDRs with no host bits: one, or a list."),
    prefixListId: field(oneOrList(PREFIX_LIST_ITEM), "Managed prefix lists (`pl-…`): one, or a list."),
    [sgKey]: field(oneOrList(SECURITY_GROUP_ITEM), sgText),
    description: field(RULE_DESCRIPTION, "Up to 255 characters from AWS's set (letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`); not empty."),
});
export const INGRESS_RULE = v.object(ruleFields("sourceSecurityGroupId", "Security groups (`sg-…`) whose members may connect: one, or a list."));
export const EGRESS_RULE = v.object(ruleFields("destinationSecurityGroupId", "Security groups (`sg-…`) the servers may reach: one, or a list."));

const TIME_ZONE_TEXT = "an IANA time zone name such as Europe/London or UTC";
export const SCHEDULE = v.object({
    name: field(pattern(SCHEDULE_NAME, "a name of 1 to 255 letters, digits, - and _, unique among the schedules"), "1–255 letters, digits, `-` and `_`, unique among the schedules."),
    recurrence: field(v.pipe(v.string(CRON_TEXT), v.check(s => cronProblem(s) === undefined, issue => withHint(CRON_TEXT, cronProblem(issue.input)))),
        "Traditional 5-field cron `minute hour day-of-month month day-of-week` as EC2 Auto Scaling takes it, such as `0 8 * * 1-5` (see Schedules below)."),
    timeZone: field(v.optional(v.pipe(v.custom<string>(x => timeZoneProblem(x) === undefined, issue => withHint(TIME_ZONE_TEXT, timeZoneProblem(issue.input) || undefined)),
        v.metadata({ type: "string" }))), "An IANA time zone name spelled with its own case, such as `Europe/London` or `Etc/GMT+9`; not an offset. Default UTC."),
    min: field(v.optional(wholeNumber(0, 100)), "The group's min from then on, 0–100."),
    max: field(v.optional(wholeNumber(0, 100)), "The group's max from then on, from min to 100."),
    desired: field(v.optional(wholeNumber(0, 100)), "The group's desired capacity then, between min and max. At least one of min, max and desired."),
});

export const SPOT = v.object({
    onDemandBase: field(wholeNumber(0, undefined, { required: "how many servers are always On-Demand; 0 for none" }), "How many servers are always On-Demand (0 or more)."),
    onDemandPercentAboveBase: field(wholeNumber(0, 100, { expected: "an integer percent from 0 to 100", required: "the On-Demand share of the servers above the base; 0 for all Spot" }),
        "The On-Demand percentage of the servers above the base, 0–100; 0 for all Spot."),
});

export const REFRESH = v.object({
    minHealthyPercent: field(v.optional(wholeNumber(0, 100, { expected: "an integer percent from 0 to 100" }), 90), "The share of the group kept in service while the servers roll, 0–100."),
    autoRollback: field(v.optional(flag(), true), "Roll back to the previous template when a refresh fails."),
    skipMatching: field(v.optional(flag(), true), "Skip servers that already run the new template."),
});

export const AUTO_SCALING = v.object({
    min: field(v.optional(wholeNumber(0, 100), 1), "The fewest servers, 0–100."),
    max: field(wholeNumber(0, 100), "The most servers, from min to 100."),
    desired: field(v.optional(wholeNumber(0, 100)), "From min to max: the size at creation only; afterwards the group owns it (scaling and schedules change it, a deploy does not reset it)."),
    cpuTarget: field(v.optional(wholeNumber(0, 100, { expected: "an integer percent from 0 to 100", hint: "average CPU that target tracking keeps; 0 turns it off" }), 50),
        "Target tracking on average CPU, in percent (1–100); 0 turns it off."),
    requestsPerTarget: field(v.optional(wholeNumber(1, undefined)), "Target tracking on the load balancer's requests per server (1 or more). Needs loadBalancer."),
    schedules: field(v.optional(v.array(SCHEDULE), []), "Scheduled actions: at the times `recurrence` gives, the group's sizes change."),
    instanceTypes: field(v.optional(v.array(INSTANCE_TYPE), []), "Extra instance types for a mixed instances policy: each as for instanceType, of its architecture, not instanceType itself, each once, at most 39 (40 types in all)."),
    spot: field(v.optional(SPOT), "Spot servers with the capacity-optimized strategy and capacity rebalancing, above an On-Demand base; both fields are required."),
    refresh: field(v.optional(REFRESH, { minHealthyPercent: 90, autoRollback: true, skipMatching: true }), "Instance refresh when the launch template changes; each field defaults on its own."),
    healthCheckGracePeriod: field(v.optional(wholeNumber(0, 7200, { expected: "an integer number of seconds from 0 to 7200" }), 300), "Seconds a new server has before health checks count, 0–7200."),
});
/** The most instance types a group's mixed instances policy takes besides instanceType (40 in all). */
export const MAX_EXTRA_INSTANCE_TYPES = 39;

/** A non-empty list of subnet ids, each once (existingSubnetIds, loadBalancer.subnetIds). */
export const SUBNET_IDS = stringList(pattern(SUBNET_ID, ""), "a subnet id like subnet-0123456789abcdef0", true);
const PORT_TEXT = "an integer port from 1 to 65535";
export const LOAD_BALANCER = v.object({
    port: field(v.optional(v.pipe(wholeNumber(1, 65535, { expected: PORT_TEXT }), v.metadata({ default: "443 with certificateArn, else 80" }))),
        "The listener port, 1–65535. Not 80 with certificateArn: port 80 carries the listener that redirects HTTP to HTTPS."),
    targetPort: field(v.optional(wholeNumber(1, 65535, { expected: PORT_TEXT }), 80), "The servers' port, 1–65535: requests and health checks go there."),
    healthCheckPath: field(v.optional(v.pipe(v.custom<string>(p => typeof p === "string" && p.startsWith("/") && p.length <= 1024,
        "a path that starts with / and has at most 1024 characters, such as /health"), v.metadata({ type: "string" })), "/"), "The health check's path: starts with `/`, at most 1024 characters."),
    certificateArn: field(v.optional(pattern(ACM_CERTIFICATE_ARN, "an ACM certificate ARN arn:<partition>:acm:<region>:<12-digit account>:certificate/<uuid>")),
        "An ACM certificate ARN `arn:<partition>:acm:<region>:<account>:certificate/<uuid>` (not an IAM server certificate): an HTTPS listener with a current TLS policy, and HTTP redirected to HTTPS."),
    sources: field(v.optional(v.array(v.string()), ["0.0.0.0/0", "::/0"]), "Who may reach the load balancer: a non-empty list of IPv4 or IPv6 CIDRs with no host bits, each once."),
    deletionProtection: field(v.optional(flag(), false), "The load balancer's deletion protection (and Pulumi's protect)."),
    subnetIds: field(v.optional(SUBNET_IDS), "Only with existingVpcId, and required there: at least 2 public subnets (`subnet-…`) of the VPC, one per zone, in two or more zones."),
});
/** The listener port without certificateArn (HTTP) and with it (HTTPS). */
const LISTENER_PORTS = { http: 80, https: 443 } as const;

/** A tag key of the stack's own: AWS reserves `aws:` (the program sets Name, which config/index.ts refuses). */
export const TAG_KEY = v.pipe(v.custom<string>(k => typeof k === "string" && k.length > 0 && k.length <= 128 && !/^aws:/i.test(k),
    "a tag key of 1 to 128 characters that does not start with aws: (reserved by AWS)"), v.metadata({ type: "string" }));
export const TAG_VALUE = v.pipe(v.custom<string>(x => typeof x === "string" && x.length <= 256, "a string of at most 256 characters"), v.metadata({ type: "string" }));

// --- the keys

const SECURITY_GROUP_IDS = stringList(pattern(SG_ID, ""), "a security group id like sg-0123456789abcdef0", true);
const RULES = "a list of rules";

/** Every key of the contract, in this order in the docs and in Pulumi.yaml. Anything else under the namespace is an error. */
export const CONFIG = v.object({
    instanceType: field(v.optional(INSTANCE_TYPE, "t3.micro"), "EC2 instance type, e.g. t3.micro or m7g.large. Its architecture must match the AMI's."),
    instanceCount: field(v.optional(integerKey(1, 50), 1), "Number of identical servers (1 to 50), spread round-robin over the subnets."),
    ami: field(v.optional(AMI, "al2023"), "AMI alias (al2023, al2023-arm64, ubuntu-24.04, ubuntu-24.04-arm64) or a pinned ami-... id."),
    vpcCidr: field(v.optional(VPC_CIDR, "10.0.0.0/16"), "IPv4 CIDR of the new VPC (/16 to /24, private range). Subnets are carved from it."),
    availabilityZones: field(v.optional(integerKey(1, 6), 2), "Number of availability zones (1 to 6), one public (and private) subnet in each."),
    privateSubnets: field(v.optional(v.boolean("true or false"), false), "Also create private subnets (no route to the internet unless natGateways); servers without a public IP go there."),
    existingVpcId: field(v.optional(pattern(VPC_ID, "a VPC id like vpc-0123456789abcdef0")), "Adopt this VPC (`vpc-…`) instead of creating a network; with existingSubnetIds."),
    existingSubnetIds: field(v.optional(json(SUBNET_IDS, "a list of subnet ids")), "The adopted VPC's subnets (`subnet-…`) the servers go in; with existingVpcId."),
    publicIp: field(v.optional(v.boolean("true or false"), true), "Give each server an auto-assigned public IPv4 address (billed by AWS). Changing it replaces servers."),
    elasticIp: field(v.optional(v.boolean("true or false"), false), "Give each server an Elastic IP, a fixed address that survives stop/start (billed even when unattached)."),
    sshCidrs: field(v.optional(json(stringList(v.string(), "a list of IPv4 or IPv6 CIDRs", false), "a list of IPv4 or IPv6 CIDRs"), []), "Sources allowed to reach 22/tcp (IPv4 or IPv6 CIDRs). Empty means no SSH rule."),
    ingress: field(v.optional(json(v.array(INGRESS_RULE), RULES), []), "Inbound rules of the new security group: each source (or list of sources) of a rule becomes one AWS rule."),
    egress: field(v.optional(json(v.union([v.literal("all"), v.array(EGRESS_RULE)]), `"all" or a list of rules`), "all"),
        "Outbound rules: `all` (explicit allow-all for IPv4 and IPv6: a group Pulumi creates has no egress rule otherwise), or a list of rules like ingress; `[]` allows no outbound traffic."),
    existingSecurityGroupIds: field(v.optional(json(SECURITY_GROUP_IDS, "a list of security group ids")), "Use these security groups (`sg-…`) instead of creating one; then no sshCidrs, ingress or egress."),
    keyPair: field(v.optional(v.picklist(["generate", "import", "none"], "generate, import or none"), "generate"), "generate (a new key, private key as a secret output), import (publicKey) or none (Session Manager only)."),
    keyAlgorithm: field(v.optional(choice(["ED25519", "RSA"], "ED25519 or RSA"), "ED25519"), "Algorithm of a generated key, ED25519 or RSA (4096 bits; required for Windows AMIs)."),
    publicKey: field(v.optional(v.pipe(v.string(), v.check(k => openSshPublicKeyProblem(k) === undefined, issue => withHint(
        `an OpenSSH public key ("<type> <base64> [comment]") of type ${OPENSSH_KEY_TYPES.join(" or ")}`, openSshPublicKeyProblem(issue.input))))),
    "The OpenSSH public key for keyPair: import, such as the contents of `~/.ssh/id_ed25519.pub`. ED25519 or RSA only: EC2 cannot import ECDSA, DSA or security-key keys."),
    ssm: field(v.optional(v.boolean("true or false"), true), "Session Manager access (IAM role with AmazonSSMManagedInstanceCore; endpoints when servers have no public IP)."),
    rootVolume: field(v.optional(json(ROOT_VOLUME, "an object {sizeGiB, type, encrypted, iops?, throughput?, kmsKeyId?}"), { sizeGiB: 8, type: "gp3", encrypted: true }),
        "Each server's root volume, deleted with it. At least the AMI's root snapshot size."),
    dataVolumes: field(v.optional(json(v.array(DATA_VOLUME), "a list of {name, sizeGiB, type, deviceName, encrypted}"), []),
        "Data volumes of each server: separate EBS volumes in its zone, kept when the server is replaced and when the stack is destroyed."),
    userData: field(v.optional(v.pipe(v.string(), v.rawCheck(({ dataset, addIssue }) => {
        const bytes = dataset.typed ? Buffer.byteLength(dataset.value, "utf8") : 0;
        if (bytes > USER_DATA_MAX_BYTES) {
            addIssue({ input: `${bytes} bytes`, message: `at most ${USER_DATA_MAX_BYTES} bytes (EC2's limit before base64)` });
        }
    }))), "A cloud-init or shell script, at most 16 KB. May be set with `--secret`."),
    userDataReplaceOnChange: field(v.optional(v.boolean("true or false"), false), "Replace servers when userData changes, instead of updating them in place."),
    monitoring: field(v.optional(v.boolean("true or false"), false), "Detailed (1-minute) CloudWatch monitoring, billed."),
    terminationProtection: field(v.optional(v.boolean("true or false"), false), "EC2 termination protection (disableApiTermination)."),
    tags: field(v.optional(json(v.record(TAG_KEY, TAG_VALUE), "an object of string tag values"), {}),
        "Tags on every resource, besides the provider's aws:defaultTags: at most 40, keys of 1 to 128 characters not starting with `aws:`, no `Name` (the program sets it), values of at most 256 characters."),
    autoScaling: field(v.optional(json(AUTO_SCALING, `an object ${shapeOf(AUTO_SCALING)}`)), "The servers are an Auto Scaling group instead of instanceCount fixed servers (fields below)."),
    loadBalancer: field(v.optional(json(LOAD_BALANCER, `an object ${shapeOf(LOAD_BALANCER)}`)), "An Application Load Balancer in the public subnets, in front of the servers, fixed or a group (fields below)."),
    natGateways: field(v.optional(choice(["none", "single", "perAz"], "one of none, single, perAz"), "none"),
        "NAT gateways for the private subnets (needs privateSubnets: true): none, single (one shared by all zones) or perAz (one per zone, so a zone outage does not cut the others off). Billed per hour and per GB."),
});

// --- what comes from the schema

export type ConfigKey = keyof typeof CONFIG.entries;
/** Every key of the contract, in the schema's order. */
export const KNOWN_KEYS = keysOf(CONFIG) as ConfigKey[];
/** Each key's value as the schema types it, with its default. */
export type ConfigValues = v.InferOutput<typeof CONFIG>;
/** Raw config: key (without namespace) → string value as Pulumi stores it (objects and lists as JSON). */
export type RawConfig = Record<string, string>;

/** Pulumi's project config types: a key of these (a list only of strings) is declared in Pulumi.yaml when it has a default. */
export const DECLARABLE_TYPES = ["string", "integer", "boolean", "list of strings"];

/** The keys with a default whose value Pulumi's project config types can say: what Pulumi.yaml declares. */
export type DeclaredKey = {
    [K in ConfigKey]: (typeof CONFIG.entries)[K] extends { default: infer D }
        ? (D extends undefined ? never : ConfigValues[K] extends string | number | boolean | string[] ? K : never)
        : never
}[ConfigKey];

/**
 * The defaults of the keys Pulumi.yaml declares: those that have one and whose value Pulumi's project config types
 * can say (string, integer, boolean, a list of strings). A test keeps Pulumi.yaml equal to these.
 */
export const DEFAULTS = Object.fromEntries(KNOWN_KEYS
    .filter(k => defaultOf(CONFIG.entries[k]) !== undefined && DECLARABLE_TYPES.includes(docType(CONFIG.entries[k])))
    .map(k => [k, defaultOf(CONFIG.entries[k])])) as { [K in DeclaredKey]: ConfigValues[K] };

/** The defaults inside `autoScaling` (the object itself has none: without it the servers are fixed). */
export const AUTO_SCALING_DEFAULTS = {
    min: defaultOf(AUTO_SCALING.entries.min) as number,
    cpuTarget: defaultOf(AUTO_SCALING.entries.cpuTarget) as number,
    healthCheckGracePeriod: defaultOf(AUTO_SCALING.entries.healthCheckGracePeriod) as number,
    refresh: defaultOf(AUTO_SCALING.entries.refresh) as AutoScalingSetting["refresh"],
};

/** The defaults inside `loadBalancer` (the object itself has none: without it there is no load balancer). */
export const LOAD_BALANCER_DEFAULTS = {
    httpPort: LISTENER_PORTS.http,
    httpsPort: LISTENER_PORTS.https,
    targetPort: defaultOf(LOAD_BALANCER.entries.targetPort) as number,
    healthCheckPath: defaultOf(LOAD_BALANCER.entries.healthCheckPath) as string,
    sources: defaultOf(LOAD_BALANCER.entries.sources) as string[],
    deletionProtection: defaultOf(LOAD_BALANCER.entries.deletionProtection) as boolean,
};

export const NAT_GATEWAYS = (unwrap(CONFIG.entries.natGateways) as unknown as { options: NatGateways[] }).options;

/** What the docs call a key's type: string, integer, boolean, list of strings, object, list of objects, map of strings. */
export function docType(schema: v.GenericSchema): string {
    const s = unwrap(schema) as v.GenericSchema & { item?: v.GenericSchema; value?: v.GenericSchema; options?: v.GenericSchema[]; literal?: unknown };
    const type = metadataOf(s).type;
    if (type) {
        return type;
    }
    switch (s.type) {
        case "number": return "integer";
        case "boolean": return "boolean";
        case "string": case "picklist": return "string";
        case "literal": return JSON.stringify(s.literal);
        case "object": return "object";
        case "array": return `list of ${docType(s.item!)}s`;
        case "record": return `map of ${docType(s.value!)}s`;
        case "union": return s.options!.map(docType).join(" or ");
        default: throw new Error(`config/schema.ts: no docs type for a ${s.type} schema`);
    }
}

// --- the typed config the program gets

export type AmiSetting = { kind: "alias"; alias: string } | { kind: "id"; id: string };

export type NetworkSetting =
    | { kind: "new"; vpcCidr: string; availabilityZones: number; privateSubnets: boolean }
    | { kind: "existing"; vpcId: string; subnetIds: string[] };

export type FirewallSetting =
    | { kind: "new"; ingress: FirewallRule[]; egress: "all" | FirewallRule[] }
    | { kind: "existing"; securityGroupIds: string[] };

export type KeyPairSetting =
    | { kind: "generate"; algorithm: KeyAlgorithm }
    | { kind: "import"; publicKey: string }
    | { kind: "none" };

/**
 * The validated config: the schema's values, with the keys that choose between alternatives (an AMI alias or id, a new
 * or adopted network, a new or existing security group, a generated, imported or no key) as one setting each.
 */
export interface ServerConfig extends Pick<ConfigValues, "instanceType" | "instanceCount" | "publicIp" | "elasticIp" | "ssm" | "userDataReplaceOnChange"
    | "monitoring" | "terminationProtection" | "tags" | "natGateways"> {
    /** Elastic capacity: an Auto Scaling group instead of `instanceCount` fixed servers. */
    autoScaling?: AutoScalingSetting;
    loadBalancer?: LoadBalancerSetting;
    ami: AmiSetting;
    network: NetworkSetting;
    firewall: FirewallSetting;
    keyPair: KeyPairSetting;
    rootVolume: VolumeSettings;
    dataVolumes: DataVolumeSettings[];
    userData?: { value: string; secret: boolean };
}

// The schema and the components' Args agree: a field added to, dropped from or typed differently in one and not the
// other fails to compile here.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false;
type Fits<A, B> = [A] extends [B] ? SameKeys<A, B> : false;
type Out<S extends v.GenericSchema> = v.InferOutput<S>;
const _schemaMatchesArgs: {
    autoScaling: Same<Out<typeof AUTO_SCALING>, AutoScalingSetting>;
    schedule: Same<Out<typeof SCHEDULE>, ScheduleSetting>;
    spot: Same<Out<typeof SPOT>, SpotSetting>;
    refresh: Same<Out<typeof REFRESH>, InstanceRefreshSetting>;
    loadBalancer: Same<Omit<Out<typeof LOAD_BALANCER>, "port"> & { port: number }, LoadBalancerSetting>;
    rootVolume: Fits<Out<typeof ROOT_VOLUME>, VolumeSettings>;
    dataVolume: Fits<Out<typeof DATA_VOLUME>, DataVolumeSettings>;
    natGateways: Same<ConfigValues["natGateways"], NatGateways>;
    keyAlgorithm: Same<ConfigValues["keyAlgorithm"], KeyAlgorithm>;
    protocol: Same<(typeof PROTOCOLS)[number], Protocol>;
} = {
    autoScaling: true, schedule: true, spot: true, refresh: true, loadBalancer: true, rootVolume: true, dataVolume: true, natGateways: true,
    keyAlgorithm: true, protocol: true,
};
