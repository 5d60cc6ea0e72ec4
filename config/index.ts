/**
 * The `ec2-server` configuration contract: parsing and validation of every key, with all errors reported at once.
 *
 * `parseConfig` is pure (raw strings in, typed config or a ConfigError out) so it is table-tested without Pulumi.
 * `loadConfig` reads the stack's config through the Pulumi runtime and calls it. Components never read config.
 */
// The two SDK modules this file needs, not the whole SDK: the offline plan checks a stack's config with parseConfig
// before it starts its policy pack or loads the SDK's index (tools/plan.ts): a bad config stops in a tenth of a second.
// Under the real runtime they are the same module instances `@pulumi/pulumi` re-exports (pulumi.RunError,
// pulumi.runtime), so what the SDK checks for (RunError.isInstance) holds.
import { RunError } from "@pulumi/pulumi/errors";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import {
    AMI_ALIASES, AMI_ID_PATTERN, DATA_DEVICE_PATTERN, EBS_TYPES, KNOWN_INSTANCE_TYPES, PRIVATE_RANGES,
    Architecture, ROOT_VOLUME_TYPES, USER_DATA_MAX_BYTES, closest, instanceTypeArchitecture,
} from "../lib/aws-facts";
import { ipv4Contains, ipv4HasHostBits, ipv4Network, formatIpv4Cidr, ipv6HasHostBits, parseIpv4Cidr, parseIpv6Cidr } from "../lib/cidr";
import { portText, ruleSlug } from "../lib/rule-names";
// Types only: the components' Args, which the config maps onto. Importing a component's module would load the SDK.
import type { AutoScalingSetting, ScheduleSetting } from "../components/auto-scaling";
import type { DataVolumeSettings, VolumeSettings } from "../components/instance";
import type { KeyAlgorithm } from "../components/key-pair";
import type { LoadBalancerSetting } from "../components/load-balancer";
import type { NatGateways } from "../components/network";
import type { FirewallRule, PeerKind, Protocol } from "../components/security-group";

export const NAMESPACE = "ec2-server";

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

export interface ServerConfig {
    /** Elastic capacity: an Auto Scaling group instead of `instanceCount` fixed servers. */
    autoScaling?: AutoScalingSetting;
    loadBalancer?: LoadBalancerSetting;
    /** NAT gateways for the private subnets. @default "none" */
    natGateways: NatGateways;
    instanceType: string;
    instanceCount: number;
    ami: AmiSetting;
    network: NetworkSetting;
    publicIp: boolean;
    elasticIp: boolean;
    firewall: FirewallSetting;
    keyPair: KeyPairSetting;
    ssm: boolean;
    rootVolume: VolumeSettings;
    dataVolumes: DataVolumeSettings[];
    userData?: { value: string; secret: boolean };
    userDataReplaceOnChange: boolean;
    monitoring: boolean;
    terminationProtection: boolean;
    tags: Record<string, string>;
}

/**
 * Defaults of the keys that have one. Pulumi.yaml declares the same defaults for the CLI
 * (a test keeps the two equal).
 */
export const DEFAULTS = {
    instanceType: "t3.micro",
    instanceCount: 1,
    ami: "al2023",
    vpcCidr: "10.0.0.0/16",
    availabilityZones: 2,
    privateSubnets: false,
    publicIp: true,
    elasticIp: false,
    sshCidrs: [] as string[],
    keyPair: "generate",
    keyAlgorithm: "ED25519",
    ssm: true,
    userDataReplaceOnChange: false,
    monitoring: false,
    terminationProtection: false,
    natGateways: "none",
} as const;

/**
 * Defaults inside `autoScaling` (the object itself has none: without it the servers are fixed). Object-valued keys
 * are not declared in Pulumi.yaml, so these live only here and in the README.
 */
export const AUTO_SCALING_DEFAULTS = {
    min: 1,
    cpuTarget: 50,
    healthCheckGracePeriod: 300,
    refresh: { minHealthyPercent: 90, autoRollback: true, skipMatching: true },
} as const;

/** Defaults inside `loadBalancer` (the object itself has none: without it there is no load balancer). */
export const LOAD_BALANCER_DEFAULTS = {
    /** The listener port without `certificateArn` (HTTP) … */
    httpPort: 80,
    /** … and with it (HTTPS). */
    httpsPort: 443,
    targetPort: 80,
    healthCheckPath: "/",
    sources: ["0.0.0.0/0", "::/0"],
    deletionProtection: false,
} as const;

export const NAT_GATEWAYS: readonly NatGateways[] = ["none", "single", "perAz"];

/** Every key of the contract. Anything else under the `ec2-server:` namespace is an error. */
export const KNOWN_KEYS = [
    "instanceType", "instanceCount", "ami", "vpcCidr", "availabilityZones", "privateSubnets",
    "existingVpcId", "existingSubnetIds", "publicIp", "elasticIp", "sshCidrs", "ingress", "egress",
    "existingSecurityGroupIds", "keyPair", "keyAlgorithm", "publicKey", "ssm", "rootVolume", "dataVolumes",
    "userData", "userDataReplaceOnChange", "monitoring", "terminationProtection", "tags",
    "autoScaling", "loadBalancer", "natGateways",
] as const;

/** The configuration was invalid; `errors` lists every problem. Extends RunError so Pulumi prints no stack trace. */
export class ConfigError extends RunError {
    constructor(public readonly errors: string[]) {
        super(formatErrors(errors));
        Object.setPrototypeOf(this, ConfigError.prototype);
        this.name = "ConfigError";
    }

    /**
     * How util.inspect shows it: the message, which is the whole report. @pulumi/pulumi's cmd/run inspects every
     * uncaught error for its tracing span (cmd/run/error.js defaultErrorMessage, `util.inspect(err, { colors: true })`),
     * RunErrors included. Under the real CLI (ts-node, source-map-support) that colored inspect of this error ran
     * for 17 s and 3 GB before it failed with "RangeError: Invalid string length", so a bad config took 20 s to
     * report instead of 2 s (tests/e2e lifecycle: the bad-config preview).
     */
    [Symbol.for("nodejs.util.inspect.custom")](): string {
        return `${this.name}: ${this.message}`;
    }
}

export function formatErrors(errors: string[]): string {
    const noun = errors.length === 1 ? "error" : "errors";
    return [
        `Invalid ${NAMESPACE} configuration (${errors.length} ${noun}); nothing was created:`,
        ...errors.map(e => `  - ${e}`),
        `Set values with \`pulumi config set ${NAMESPACE}:<key> <value>\` (objects and lists: --path or the stack file). See README "Configuration".`,
    ].join("\n");
}

/** Raw config: key (without namespace) → string value as Pulumi stores it (objects and lists as JSON). */
export type RawConfig = Record<string, string>;

const PROTOCOLS: Protocol[] = ["tcp", "udp", "icmp", "icmpv6", "all"];
const RULE_PEER_KEYS = ["cidr", "ipv6Cidr", "prefixListId"] as const;
const INGRESS_SG_KEY = "sourceSecurityGroupId";
const EGRESS_SG_KEY = "destinationSecurityGroupId";
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
const KMS_KEY_ARN_TEXT = "a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id or mrk-…>";
/** An ACM certificate ARN; the region is group 2 (an ALB takes certificates of its own region only). */
export const ACM_CERTIFICATE_ARN = /^arn:(aws[a-z-]*):acm:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):certificate\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const ACM_CERTIFICATE_ARN_TEXT = "an ACM certificate ARN arn:<partition>:acm:<region>:<12-digit account>:certificate/<uuid>";
/** The contract's scheduled action names (AWS takes any 1–255 printable characters; these also suit resource names). */
const SCHEDULE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/**
 * EC2 Auto Scaling's Recurrence is "in Unix cron syntax format ... five fields separated by white spaces: [Minute]
 * [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]", with crontab.org as its reference (API
 * ScheduledUpdateGroupActionRequest). That syntax: `*`, numbers, ranges `a-b`, lists `a,b`, steps after a range or
 * `*`; month and day-of-week also take three-letter names, but "ranges or lists of names are not allowed"; day of
 * week 0-7 (0 and 7 are Sunday). EventBridge's `?`, `L`, `W`, `#` and year field are not part of it.
 */
const CRON_FIELDS: { name: string; min: number; max: number; names?: string[]; example?: string }[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], example: "JAN" },
    { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], example: "MON" },
];
const CRON_TEXT = "a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\"";
/**
 * The key types EC2 ImportKeyPair accepts: RSA and ED25519 only ("Supported key types: RSA and ED25519", EC2 API
 * ImportKeyPair); ECDSA, DSA and security-key types fail there with InvalidKey.Format.
 */
const OPENSSH_KEY_TYPES = ["ssh-ed25519", "ssh-rsa"];

/**
 * Renders a given value for an error message; secrets are never shown. Long values are cut at 120 characters,
 * which still shows any KMS key ARN whole (the longest partition and region names make about 95).
 */
function show(value: unknown, secret = false): string {
    if (secret) {
        return "[secret]";
    }
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

class Collector {
    readonly errors: string[] = [];
    constructor(private readonly secretKeys: ReadonlySet<string>) {}

    /** Records `<key>: got <value>, expected <allowed>`. */
    bad(key: string, given: unknown, allowed: string, hint?: string): void {
        const topKey = key.split(/[.[]/)[0];
        const suffix = hint ? ` (${hint})` : "";
        this.errors.push(`${NAMESPACE}:${key}: got ${show(given, this.secretKeys.has(topKey))}, expected ${allowed}${suffix}`);
    }

    /** Records a conflict between keys. */
    conflict(message: string): void {
        this.errors.push(message);
    }
}

/** Parses and validates raw config. Throws ConfigError listing every problem. */
export function parseConfig(raw: RawConfig, secretKeys: ReadonlySet<string> = new Set()): ServerConfig {
    const c = new Collector(secretKeys);

    // Unknown keys (typos such as `instancetype`).
    for (const key of Object.keys(raw).sort()) {
        if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
            const suggestion = closest(key, KNOWN_KEYS, 3);
            c.bad(key, secretKeys.has(key) ? "[secret]" : raw[key], `one of the known keys: ${[...KNOWN_KEYS].sort().join(", ")}`,
                suggestion ? `unknown key; did you mean "${suggestion}"?` : "unknown key");
        }
    }

    const has = (key: string) => raw[key] !== undefined;
    const str = (key: string): string | undefined => raw[key];
    const bool = (key: string, fallback: boolean): boolean => {
        const v = raw[key];
        if (v === undefined) {
            return fallback;
        }
        if (v === "true" || v === "false") {
            return v === "true";
        }
        c.bad(key, v, "true or false");
        return fallback;
    };
    const int = (key: string, fallback: number, min: number, max: number): number => {
        const v = raw[key];
        if (v === undefined) {
            return fallback;
        }
        if (!/^-?\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) {
            c.bad(key, /^-?\d+$/.test(v.trim()) ? Number(v) : v, `an integer from ${min} to ${max}`);
            return fallback;
        }
        return Number(v);
    };
    const json = (key: string, what: string): unknown => {
        const v = raw[key];
        if (v === undefined) {
            return undefined;
        }
        try {
            return JSON.parse(v);
        } catch {
            c.bad(key, v, what, "not a list or object; set it in the stack file or with `pulumi config set --path`");
            return undefined;
        }
    };

    // --- instance type and count
    const instanceType = str("instanceType") ?? DEFAULTS.instanceType;
    if (has("instanceType")) {
        checkInstanceType(c, "instanceType", instanceType);
    }
    const instanceCount = int("instanceCount", DEFAULTS.instanceCount, 1, 50);

    // --- AMI
    const amiText = str("ami") ?? DEFAULTS.ami;
    let ami: AmiSetting = { kind: "alias", alias: DEFAULTS.ami };
    if (AMI_ALIASES[amiText]) {
        ami = { kind: "alias", alias: amiText };
    } else if (AMI_ID_PATTERN.test(amiText)) {
        ami = { kind: "id", id: amiText };
    } else {
        const suggestion = closest(amiText, Object.keys(AMI_ALIASES), 3);
        c.bad("ami", amiText, `an alias (${Object.keys(AMI_ALIASES).join(", ")}) or an AMI id like ami-0123456789abcdef0`,
            suggestion ? `did you mean "${suggestion}"?` : undefined);
    }
    const aliasArch = ami.kind === "alias" ? AMI_ALIASES[ami.alias].architecture : undefined;
    const typeArch = instanceTypeArchitecture(instanceType);
    if (aliasArch && typeArch && aliasArch !== typeArch) {
        const fix = aliasArch === "arm64" ? "an x86_64 AMI alias such as al2023" : "an arm64 AMI alias such as al2023-arm64";
        c.conflict(`${NAMESPACE}:instanceType ${show(instanceType)} is ${typeArch} but ${NAMESPACE}:ami ${show(amiText)} is ${aliasArch}; use an ${aliasArch} instance type or ${fix}`);
    }

    // --- network
    let network: NetworkSetting;
    const existingVpcId = str("existingVpcId");
    const existingSubnets = json("existingSubnetIds", "a list of subnet ids");
    if (existingVpcId !== undefined || existingSubnets !== undefined) {
        if (existingVpcId === undefined) {
            c.conflict(`${NAMESPACE}:existingSubnetIds is set but ${NAMESPACE}:existingVpcId is not; adopting a network needs both`);
        } else if (!VPC_ID.test(existingVpcId)) {
            c.bad("existingVpcId", existingVpcId, "a VPC id like vpc-0123456789abcdef0");
        }
        const subnetIds = stringList(c, "existingSubnetIds", existingSubnets, SUBNET_ID, "a subnet id like subnet-0123456789abcdef0", true);
        if (existingSubnets === undefined && existingVpcId !== undefined) {
            c.conflict(`${NAMESPACE}:existingVpcId is set but ${NAMESPACE}:existingSubnetIds is not; adopting a network needs both`);
        }
        for (const key of ["vpcCidr", "availabilityZones"] as const) {
            if (has(key) && raw[key] !== String(DEFAULTS[key])) {
                c.conflict(`Cannot specify both ${NAMESPACE}:existingVpcId and ${NAMESPACE}:${key}: an adopted network keeps its own ${key === "vpcCidr" ? "CIDR" : "subnets"}`);
            }
        }
        if (bool("privateSubnets", false)) {
            c.conflict(`Cannot specify both ${NAMESPACE}:existingVpcId and ${NAMESPACE}:privateSubnets: true: no subnets are created in an adopted network`);
        }
        network = { kind: "existing", vpcId: existingVpcId ?? "", subnetIds };
    } else {
        const vpcCidr = str("vpcCidr") ?? DEFAULTS.vpcCidr;
        const parsed = parseIpv4Cidr(vpcCidr);
        if (!parsed || parsed.prefix < 16 || parsed.prefix > 24) {
            c.bad("vpcCidr", vpcCidr, "an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)");
        } else if (ipv4HasHostBits(parsed)) {
            c.bad("vpcCidr", vpcCidr, "a network address with no host bits set",
                `did you mean "${formatIpv4Cidr({ base: ipv4Network(parsed), prefix: parsed.prefix })}"?`);
        } else if (!PRIVATE_RANGES.some(r => ipv4Contains(parseIpv4Cidr(r)!, parsed))) {
            c.bad("vpcCidr", vpcCidr, `a private range inside ${PRIVATE_RANGES.join(", ")}`);
        }
        network = {
            kind: "new",
            vpcCidr,
            availabilityZones: int("availabilityZones", DEFAULTS.availabilityZones, 1, 6),
            privateSubnets: bool("privateSubnets", DEFAULTS.privateSubnets),
        };
    }

    // --- addressing
    const publicIp = bool("publicIp", DEFAULTS.publicIp);
    const elasticIp = bool("elasticIp", DEFAULTS.elasticIp);
    if (elasticIp && !publicIp && network.kind === "new" && network.privateSubnets) {
        c.conflict(`${NAMESPACE}:elasticIp: true needs a public subnet, but publicIp: false with privateSubnets: true places servers in private subnets; set privateSubnets: false or elasticIp: false`);
    }

    // --- key pair and SSM
    const keyPairMode = str("keyPair") ?? DEFAULTS.keyPair;
    const keyAlgorithm = str("keyAlgorithm") ?? DEFAULTS.keyAlgorithm;
    if (keyAlgorithm !== "ED25519" && keyAlgorithm !== "RSA") {
        c.bad("keyAlgorithm", keyAlgorithm, "ED25519 or RSA", closest(keyAlgorithm, ["ED25519", "RSA"], 3) ? `did you mean "${closest(keyAlgorithm, ["ED25519", "RSA"], 3)}"?` : undefined);
    }
    const publicKey = str("publicKey");
    let keyPair: KeyPairSetting = { kind: "none" };
    if (keyPairMode === "generate") {
        keyPair = { kind: "generate", algorithm: keyAlgorithm === "RSA" ? "RSA" : "ED25519" };
        if (publicKey !== undefined) {
            c.conflict(`Cannot specify both ${NAMESPACE}:publicKey and ${NAMESPACE}:keyPair: generate; set keyPair: import to use your own key`);
        }
    } else if (keyPairMode === "import") {
        if (publicKey === undefined) {
            c.conflict(`${NAMESPACE}:keyPair: import needs ${NAMESPACE}:publicKey (an OpenSSH public key such as the contents of ~/.ssh/id_ed25519.pub)`);
        } else {
            const problem = openSshPublicKeyProblem(publicKey);
            if (problem) {
                c.bad("publicKey", publicKey, `an OpenSSH public key ("<type> <base64> [comment]") of type ${OPENSSH_KEY_TYPES.join(" or ")}`, problem);
            }
        }
        keyPair = { kind: "import", publicKey: publicKey?.trim() ?? "" };
    } else if (keyPairMode === "none") {
        keyPair = { kind: "none" };
        if (publicKey !== undefined) {
            c.conflict(`Cannot specify both ${NAMESPACE}:publicKey and ${NAMESPACE}:keyPair: none`);
        }
    } else {
        c.bad("keyPair", keyPairMode, "generate, import or none");
    }
    const ssm = bool("ssm", DEFAULTS.ssm);

    // --- firewall
    const sshCidrsRaw = json("sshCidrs", "a list of IPv4 or IPv6 CIDRs");
    const ingressRaw = json("ingress", "a list of rules");
    const egressRawText = raw["egress"];
    const egressRaw = egressRawText === undefined || egressRawText === "all" ? "all" : json("egress", `"all" or a list of rules`);
    const existingSgRaw = json("existingSecurityGroupIds", "a list of security group ids");
    let firewall: FirewallSetting;
    const sshCidrs = stringList(c, "sshCidrs", sshCidrsRaw ?? [], undefined, "a list of IPv4 or IPv6 CIDRs", false);
    if (existingSgRaw !== undefined) {
        const ids = stringList(c, "existingSecurityGroupIds", existingSgRaw, SG_ID, "a security group id like sg-0123456789abcdef0", true);
        for (const key of ["sshCidrs", "ingress", "egress"] as const) {
            const given = key === "egress" ? egressRaw !== "all" : (key === "sshCidrs" ? sshCidrs.length > 0 : Array.isArray(ingressRaw) && ingressRaw.length > 0);
            if (given) {
                c.conflict(`Cannot specify both ${NAMESPACE}:existingSecurityGroupIds and ${NAMESPACE}:${key}: rules of an existing group are managed where the group is`);
            }
        }
        firewall = { kind: "existing", securityGroupIds: ids };
    } else {
        const ingress: FirewallRule[] = [];
        sshCidrs.forEach((cidr, i) => {
            const kind = cidrKind(c, `sshCidrs[${i}]`, cidr);
            if (kind) {
                ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind, value: cidr }, description: `SSH from ${cidr}` });
            }
        });
        ingress.push(...ruleList(c, "ingress", ingressRaw ?? [], INGRESS_SG_KEY));
        const egress = egressRaw === "all" ? "all" : egressRaw === undefined ? [] : ruleList(c, "egress", egressRaw, EGRESS_SG_KEY);
        checkDuplicates(c, "ingress", ingress);
        if (egress !== "all") {
            checkDuplicates(c, "egress", egress);
        }
        firewall = { kind: "new", ingress, egress };
    }
    if (keyPair.kind === "none" && sshCidrs.length > 0) {
        c.conflict(`${NAMESPACE}:sshCidrs opens port 22 but ${NAMESPACE}:keyPair is none, so nobody can log in over SSH; remove sshCidrs or set keyPair: generate`);
    }

    // --- storage
    const rootRaw = json("rootVolume", "an object {sizeGiB, type, encrypted, iops?, throughput?, kmsKeyId?}");
    const rootVolume = volume(c, "rootVolume", rootRaw ?? {}, ROOT_VOLUME_TYPES, { sizeGiB: 8, type: "gp3", encrypted: true }, []);
    const dataRaw = json("dataVolumes", "a list of {name, sizeGiB, type, deviceName, encrypted}");
    const dataVolumes: DataVolumeSettings[] = [];
    if (dataRaw !== undefined) {
        if (!Array.isArray(dataRaw)) {
            c.bad("dataVolumes", dataRaw, "a list of {name, sizeGiB, type, deviceName, encrypted}");
        } else {
            dataRaw.forEach((v, i) => {
                const key = `dataVolumes[${i}]`;
                if (!isObject(v)) {
                    c.bad(key, v, "an object {name, sizeGiB, type, deviceName, encrypted}");
                    return;
                }
                const settings = volume(c, key, v, Object.keys(EBS_TYPES), { type: "gp3", encrypted: true }, ["name", "deviceName", "snapshotId"]);
                const name = v.name;
                if (typeof name !== "string" || !/^[a-z][a-z0-9-]{0,30}$/.test(name)) {
                    c.bad(`${key}.name`, name, "a short lowercase name matching ^[a-z][a-z0-9-]{0,30}$ (it names the volume resource)");
                }
                const deviceName = v.deviceName;
                if (typeof deviceName !== "string" || !DATA_DEVICE_PATTERN.test(deviceName)) {
                    c.bad(`${key}.deviceName`, deviceName, "a data device name /dev/sdf … /dev/sdp (or /dev/xvdf … /dev/xvdp)");
                }
                const snapshotId = v.snapshotId;
                if (snapshotId !== undefined && (typeof snapshotId !== "string" || !SNAPSHOT_ID.test(snapshotId))) {
                    c.bad(`${key}.snapshotId`, snapshotId, "a snapshot id like snap-0123456789abcdef0");
                }
                dataVolumes.push({ ...settings, name: String(name), deviceName: String(deviceName), ...(typeof snapshotId === "string" ? { snapshotId } : {}) });
            });
            for (const field of ["name", "deviceName"] as const) {
                const seen = new Map<string, number>();
                dataVolumes.forEach((v, i) => {
                    const first = seen.get(v[field]);
                    if (first !== undefined) {
                        c.bad(`dataVolumes[${i}].${field}`, v[field], `a ${field} not used by another data volume`, `dataVolumes[${first}] has it already`);
                    }
                    seen.set(v[field], i);
                });
            }
        }
    }

    // --- user data
    let userData: ServerConfig["userData"];
    const userDataText = str("userData");
    if (userDataText !== undefined) {
        const bytes = Buffer.byteLength(userDataText, "utf8");
        if (bytes > USER_DATA_MAX_BYTES) {
            c.bad("userData", secretKeys.has("userData") ? "[secret]" : `${bytes} bytes`, `at most ${USER_DATA_MAX_BYTES} bytes (EC2's limit before base64)`);
        }
        userData = { value: userDataText, secret: secretKeys.has("userData") };
    }
    const userDataReplaceOnChange = bool("userDataReplaceOnChange", DEFAULTS.userDataReplaceOnChange);
    if (userDataReplaceOnChange && userData === undefined) {
        c.conflict(`${NAMESPACE}:userDataReplaceOnChange: true has no effect without ${NAMESPACE}:userData`);
    }

    // --- tags
    const tagsRaw = json("tags", "an object of string tag values");
    const tags: Record<string, string> = {};
    if (tagsRaw !== undefined) {
        if (!isObject(tagsRaw)) {
            c.bad("tags", tagsRaw, "an object of tag keys to string values, e.g. {\"Team\": \"platform\"}");
        } else {
            const entries = Object.entries(tagsRaw);
            if (entries.length > 40) {
                c.bad("tags", `${entries.length} tags`, "at most 40 tags (AWS allows 50 per resource; the program adds Name and keeps room for aws:defaultTags)");
            }
            for (const [k, v] of entries) {
                if (k.length === 0 || k.length > 128 || /^aws:/i.test(k)) {
                    c.bad(`tags.${k}`, k, "a tag key of 1 to 128 characters that does not start with aws: (reserved by AWS)");
                } else if (k === "Name") {
                    c.bad(`tags.${k}`, v, "no Name tag: the program names every resource after the stack and component");
                } else if (typeof v !== "string" || v.length > 256) {
                    c.bad(`tags.${k}`, v, "a string of at most 256 characters");
                } else {
                    tags[k] = v;
                }
            }
        }
    }

    const monitoring = bool("monitoring", DEFAULTS.monitoring);
    const terminationProtection = bool("terminationProtection", DEFAULTS.terminationProtection);

    // --- elastic capacity: NAT gateways, load balancer, Auto Scaling group
    const natText = str("natGateways") ?? DEFAULTS.natGateways;
    let natGateways: NatGateways = DEFAULTS.natGateways;
    if ((NAT_GATEWAYS as readonly string[]).includes(natText)) {
        natGateways = natText as NatGateways;
    } else {
        const suggestion = closest(natText, NAT_GATEWAYS, 3);
        c.bad("natGateways", natText, `one of ${NAT_GATEWAYS.join(", ")}`, suggestion ? `did you mean "${suggestion}"?` : undefined);
    }
    if (natGateways !== "none") {
        if (network.kind === "existing") {
            c.conflict(`${NAMESPACE}:natGateways: ${natGateways} needs a new network with ${NAMESPACE}:privateSubnets: true, but ${NAMESPACE}:existingVpcId adopts a network, where no subnets or routes are created; remove natGateways (the adopted network brings its own routes)`);
        } else if (!network.privateSubnets) {
            c.conflict(`${NAMESPACE}:natGateways: ${natGateways} needs ${NAMESPACE}:privateSubnets: true: NAT gateways give the private subnets a route out to the internet, and without privateSubnets there are none (the public subnets already route through the internet gateway); set privateSubnets: true or remove natGateways`);
        }
    }

    const loadBalancerRaw = json("loadBalancer", LOAD_BALANCER_SHAPE);
    const loadBalancer = loadBalancerRaw === undefined ? undefined : loadBalancerSetting(c, loadBalancerRaw, network);

    const autoScalingRaw = json("autoScaling", AUTO_SCALING_SHAPE);
    const autoScaling = autoScalingRaw === undefined ? undefined : autoScalingSetting(c, autoScalingRaw, instanceType, has("loadBalancer"));
    if (has("autoScaling")) {
        const disposable = "a group's servers are disposable, so data and fixed addresses do not belong on them";
        if (instanceCount > 1) {
            c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:instanceCount: ${instanceCount}: the group's size is autoScaling.min, max and desired, not a count of fixed servers; remove instanceCount`);
        }
        if (elasticIp) {
            c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:elasticIp: true: ${disposable} (the group launches and terminates servers on its own, and a new server would not get the address); reach the group through loadBalancer instead`);
        }
        if (Array.isArray(dataRaw) && dataRaw.length > 0) {
            c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:dataVolumes: ${disposable} (a volume lives in one zone on one server, and the group terminates servers to scale in, refresh and heal); keep the data off the servers, for example in S3, EFS or a database`);
        }
        if (terminationProtection) {
            c.conflict(`Cannot specify both ${NAMESPACE}:autoScaling and ${NAMESPACE}:terminationProtection: true: ${disposable}, and the group must be able to terminate them to scale in, refresh and replace unhealthy ones; remove terminationProtection`);
        }
    }

    if (c.errors.length > 0) {
        throw new ConfigError(c.errors);
    }
    return {
        instanceType, instanceCount, ami, network, publicIp, elasticIp, firewall, keyPair, ssm, rootVolume, dataVolumes,
        userData, userDataReplaceOnChange, monitoring, terminationProtection, tags, autoScaling, loadBalancer, natGateways,
    };
}

/** Checks an instance type (`instanceType`, `autoScaling.instanceTypes[i]`); returns its architecture when known. */
function checkInstanceType(c: Collector, key: string, value: unknown): Architecture | undefined {
    const arch = typeof value === "string" ? instanceTypeArchitecture(value) : undefined;
    if (arch === undefined) {
        const suggestion = typeof value === "string" ? closest(value, KNOWN_INSTANCE_TYPES, 3) : undefined;
        c.bad(key, value, "a current EC2 instance type such as t3.micro or m7g.large",
            suggestion ? `did you mean "${suggestion}"?` : "unknown instance type");
    }
    return arch;
}

/** `value` as an object whose keys are all in `allowed` (each other key is an error, with a suggestion); else undefined. */
function objectWithKeys(c: Collector, key: string, value: unknown, allowed: readonly string[], shape: string): Record<string, unknown> | undefined {
    if (!isObject(value)) {
        c.bad(key, value, shape);
        return undefined;
    }
    for (const k of Object.keys(value)) {
        if (!allowed.includes(k)) {
            const s = closest(k, allowed, 3);
            c.bad(`${key}.${k}`, value[k], `only the keys ${allowed.join(", ")}`, s ? `unknown key; did you mean "${s}"?` : "unknown key");
        }
    }
    return value;
}

/**
 * An integer from `min` to `max` (no upper bound when `max` is undefined) inside an object value. Numbers and
 * numeric strings are taken (`pulumi config set --path` may store either). A missing value is an error only when
 * `required` says why it is needed.
 */
function integer(c: Collector, key: string, value: unknown, min: number, max: number | undefined,
    opts: { expected?: string; hint?: string; required?: string } = {}): number | undefined {
    const expected = opts.expected ?? (max === undefined ? `an integer of ${min} or more` : `an integer from ${min} to ${max}`);
    if (value === undefined) {
        if (opts.required) {
            c.bad(key, value, expected, `required: ${opts.required}`);
        }
        return undefined;
    }
    const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
        c.bad(key, value, expected, opts.hint);
        return undefined;
    }
    return n;
}

/** A boolean inside an object value (as a volume's `encrypted`: JSON true or false). */
function flag(c: Collector, key: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== "boolean") {
        c.bad(key, value, "true or false");
        return fallback;
    }
    return value;
}

const LOAD_BALANCER_KEYS = ["port", "targetPort", "healthCheckPath", "certificateArn", "sources", "deletionProtection", "subnetIds"];
const LOAD_BALANCER_SHAPE = "an object {port?, targetPort?, healthCheckPath?, certificateArn?, sources?, deletionProtection?, subnetIds?}";

function loadBalancerSetting(c: Collector, value: unknown, network: NetworkSetting): LoadBalancerSetting | undefined {
    const v = objectWithKeys(c, "loadBalancer", value, LOAD_BALANCER_KEYS, LOAD_BALANCER_SHAPE);
    if (!v) {
        return undefined;
    }
    const d = LOAD_BALANCER_DEFAULTS;
    let certificateArn: string | undefined;
    if (v.certificateArn !== undefined) {
        if (typeof v.certificateArn !== "string" || !ACM_CERTIFICATE_ARN.test(v.certificateArn)) {
            c.bad("loadBalancer.certificateArn", v.certificateArn, ACM_CERTIFICATE_ARN_TEXT);
        } else {
            certificateArn = v.certificateArn;
        }
    }
    const https = v.certificateArn !== undefined;
    const portText = "an integer port from 1 to 65535";
    let port = integer(c, "loadBalancer.port", v.port, 1, 65535, { expected: portText }) ?? (https ? d.httpsPort : d.httpPort);
    if (https && v.port !== undefined && port === d.httpPort) {
        // With a certificate, port 80 carries the listener that redirects HTTP to HTTPS (Security Hub ELB.1).
        c.bad("loadBalancer.port", v.port, `a port other than ${d.httpPort} with certificateArn`, `port ${d.httpPort} carries the listener that redirects HTTP to HTTPS; leave port unset for ${d.httpsPort}`);
        port = d.httpsPort;
    }
    const targetPort = integer(c, "loadBalancer.targetPort", v.targetPort, 1, 65535, { expected: portText }) ?? d.targetPort;
    let healthCheckPath: string = d.healthCheckPath;
    if (v.healthCheckPath !== undefined) {
        if (typeof v.healthCheckPath !== "string" || !v.healthCheckPath.startsWith("/") || v.healthCheckPath.length > 1024) {
            c.bad("loadBalancer.healthCheckPath", v.healthCheckPath, "a path that starts with / and has at most 1024 characters, such as /health");
        } else {
            healthCheckPath = v.healthCheckPath;
        }
    }
    const sources: string[] = [];
    const sourcesRaw = v.sources ?? [...d.sources];
    if (!Array.isArray(sourcesRaw) || sourcesRaw.length === 0) {
        c.bad("loadBalancer.sources", sourcesRaw, "a non-empty list of IPv4 or IPv6 CIDRs such as [\"203.0.113.0/24\", \"2001:db8::/32\"]");
    } else {
        sourcesRaw.forEach((s, i) => {
            const at = `loadBalancer.sources[${i}]`;
            if (cidrKind(c, at, s) !== undefined) {
                if (sources.includes(s)) {
                    c.bad(at, s, "each source once", "duplicate");
                } else {
                    sources.push(s);
                }
            }
        });
    }
    const deletionProtection = flag(c, "loadBalancer.deletionProtection", v.deletionProtection, d.deletionProtection);
    let subnetIds: string[] | undefined;
    if (network.kind === "existing") {
        if (v.subnetIds === undefined) {
            c.conflict(`${NAMESPACE}:loadBalancer.subnetIds is required with ${NAMESPACE}:existingVpcId: the program creates no subnets in an adopted network, and an Application Load Balancer needs public subnets in at least 2 availability zones; list them in loadBalancer.subnetIds`);
        } else if (Array.isArray(v.subnetIds) && v.subnetIds.length < 2) {
            c.bad("loadBalancer.subnetIds", v.subnetIds, "a list of at least 2 subnet ids like subnet-0123456789abcdef0, in different availability zones",
                "an Application Load Balancer needs subnets in two or more zones");
        } else {
            subnetIds = stringList(c, "loadBalancer.subnetIds", v.subnetIds, SUBNET_ID, "a subnet id like subnet-0123456789abcdef0", true);
        }
    } else {
        if (v.subnetIds !== undefined) {
            c.conflict(`Cannot specify both ${NAMESPACE}:loadBalancer.subnetIds and a new network: the load balancer goes in the public subnets the program creates; subnetIds is only for an adopted network (existingVpcId)`);
        }
        if (network.availabilityZones < 2) {
            c.conflict(`${NAMESPACE}:loadBalancer needs at least 2 availability zones, but ${NAMESPACE}:availabilityZones is ${network.availabilityZones}: an Application Load Balancer needs subnets in two or more zones; set availabilityZones: 2 or more`);
        }
    }
    return {
        port, targetPort, healthCheckPath, sources, deletionProtection,
        ...(certificateArn !== undefined ? { certificateArn } : {}),
        ...(subnetIds !== undefined ? { subnetIds } : {}),
    };
}

const AUTO_SCALING_KEYS = ["min", "max", "desired", "cpuTarget", "requestsPerTarget", "schedules", "instanceTypes", "spot", "refresh", "healthCheckGracePeriod"];
const AUTO_SCALING_SHAPE = "an object {min?, max, desired?, cpuTarget?, requestsPerTarget?, schedules?, instanceTypes?, spot?, refresh?, healthCheckGracePeriod?}";
const SCHEDULE_KEYS = ["name", "recurrence", "timeZone", "min", "max", "desired"];
const SCHEDULE_SHAPE = "{name, recurrence, timeZone?, min?, max?, desired?}";
const SPOT_KEYS = ["onDemandBase", "onDemandPercentAboveBase"];
const REFRESH_KEYS = ["minHealthyPercent", "autoRollback", "skipMatching"];
/** A group's instance types: instanceType plus these extra ones (40 in all is the most a group takes). */
const MAX_EXTRA_INSTANCE_TYPES = 39;

/**
 * min, max and desired of a group or a schedule, each 0–100, max from min, desired from min to max. `minDefault` is
 * the group's default min; `maxRequired` says why max is required (the group), or undefined (a schedule).
 */
function sizes(c: Collector, at: string, v: Record<string, unknown>, minDefault: number | undefined, maxRequired: string | undefined):
    { min?: number; max?: number; desired?: number } {
    const min = v.min === undefined ? minDefault : integer(c, `${at}.min`, v.min, 0, 100);
    const from = min === undefined ? "0" : `min (${min})`;
    const max = integer(c, `${at}.max`, v.max, min ?? 0, 100, { expected: `an integer from ${from} to 100`, required: maxRequired });
    const to = max === undefined ? "100" : `max (${max})`;
    const desired = integer(c, `${at}.desired`, v.desired, min ?? 0, max ?? 100, { expected: `an integer from ${from} to ${to}` });
    return { min, max, desired };
}

function autoScalingSetting(c: Collector, value: unknown, instanceType: string, hasLoadBalancer: boolean): AutoScalingSetting | undefined {
    const v = objectWithKeys(c, "autoScaling", value, AUTO_SCALING_KEYS, AUTO_SCALING_SHAPE);
    if (!v) {
        return undefined;
    }
    const d = AUTO_SCALING_DEFAULTS;
    const size = sizes(c, "autoScaling", v, d.min, "the most servers the group may run");
    const cpuTarget = integer(c, "autoScaling.cpuTarget", v.cpuTarget, 0, 100,
        { expected: "an integer percent from 0 to 100", hint: "average CPU that target tracking keeps; 0 turns it off" }) ?? d.cpuTarget;
    const requestsPerTarget = integer(c, "autoScaling.requestsPerTarget", v.requestsPerTarget, 1, undefined);
    if (v.requestsPerTarget !== undefined && !hasLoadBalancer) {
        c.conflict(`${NAMESPACE}:autoScaling.requestsPerTarget needs ${NAMESPACE}:loadBalancer: it tracks the load balancer's requests per server, and without a load balancer there are none to count; set loadBalancer or remove requestsPerTarget`);
    }

    const schedules: ScheduleSetting[] = [];
    if (v.schedules !== undefined) {
        if (!Array.isArray(v.schedules)) {
            c.bad("autoScaling.schedules", v.schedules, `a list of schedules ${SCHEDULE_SHAPE}`);
        } else {
            const names = new Map<string, number>();
            v.schedules.forEach((s, i) => {
                const at = `autoScaling.schedules[${i}]`;
                const parsed = schedule(c, at, s);
                if (parsed === undefined) {
                    return;
                }
                const first = names.get(parsed.name);
                if (first !== undefined) {
                    c.bad(`${at}.name`, parsed.name, "a name not used by another schedule", `autoScaling.schedules[${first}] has it already`);
                    return;
                }
                names.set(parsed.name, i);
                schedules.push(parsed);
            });
        }
    }

    const instanceTypes: string[] = [];
    if (v.instanceTypes !== undefined) {
        const list = v.instanceTypes;
        if (!Array.isArray(list)) {
            c.bad("autoScaling.instanceTypes", list, "a list of instance types such as [\"t3a.micro\", \"t2.micro\"]");
        } else if (list.length > MAX_EXTRA_INSTANCE_TYPES) {
            c.bad("autoScaling.instanceTypes", `${list.length} types`, `at most ${MAX_EXTRA_INSTANCE_TYPES} (with instanceType, 40 types: the most a group takes)`);
        } else {
            const typeArch = instanceTypeArchitecture(instanceType);
            list.forEach((t, i) => {
                const at = `autoScaling.instanceTypes[${i}]`;
                const arch = checkInstanceType(c, at, t);
                if (arch === undefined) {
                    return;
                }
                if (typeArch !== undefined && arch !== typeArch) {
                    c.conflict(`${NAMESPACE}:${at} ${show(t)} is ${arch} but ${NAMESPACE}:instanceType ${show(instanceType)} is ${typeArch}; every type of the group boots the same AMI, so use ${typeArch} types only`);
                } else if (t === instanceType) {
                    c.bad(at, t, `a type other than ${NAMESPACE}:instanceType`, "instanceType is always one of the group's types; list only the extra ones");
                } else if (instanceTypes.includes(t)) {
                    c.bad(at, t, "each type once", "duplicate");
                } else {
                    instanceTypes.push(t);
                }
            });
        }
    }

    let spot: AutoScalingSetting["spot"];
    if (v.spot !== undefined) {
        const s = objectWithKeys(c, "autoScaling.spot", v.spot, SPOT_KEYS, "an object {onDemandBase, onDemandPercentAboveBase}");
        if (s) {
            const onDemandBase = integer(c, "autoScaling.spot.onDemandBase", s.onDemandBase, 0, undefined,
                { required: "how many servers are always On-Demand; 0 for none" });
            const onDemandPercentAboveBase = integer(c, "autoScaling.spot.onDemandPercentAboveBase", s.onDemandPercentAboveBase, 0, 100,
                { expected: "an integer percent from 0 to 100", required: "the On-Demand share of the servers above the base; 0 for all Spot" });
            if (onDemandBase !== undefined && onDemandPercentAboveBase !== undefined) {
                spot = { onDemandBase, onDemandPercentAboveBase };
            }
        }
    }

    const refresh: AutoScalingSetting["refresh"] = { ...d.refresh };
    if (v.refresh !== undefined) {
        const r = objectWithKeys(c, "autoScaling.refresh", v.refresh, REFRESH_KEYS, "an object {minHealthyPercent?, autoRollback?, skipMatching?}");
        if (r) {
            refresh.minHealthyPercent = integer(c, "autoScaling.refresh.minHealthyPercent", r.minHealthyPercent, 0, 100,
                { expected: "an integer percent from 0 to 100" }) ?? d.refresh.minHealthyPercent;
            refresh.autoRollback = flag(c, "autoScaling.refresh.autoRollback", r.autoRollback, d.refresh.autoRollback);
            refresh.skipMatching = flag(c, "autoScaling.refresh.skipMatching", r.skipMatching, d.refresh.skipMatching);
        }
    }
    const healthCheckGracePeriod = integer(c, "autoScaling.healthCheckGracePeriod", v.healthCheckGracePeriod, 0, 7200,
        { expected: "an integer number of seconds from 0 to 7200" }) ?? d.healthCheckGracePeriod;

    return {
        min: size.min ?? d.min,
        max: size.max ?? size.min ?? d.min,
        ...(size.desired !== undefined ? { desired: size.desired } : {}),
        cpuTarget,
        ...(requestsPerTarget !== undefined ? { requestsPerTarget } : {}),
        schedules,
        instanceTypes,
        ...(spot !== undefined ? { spot } : {}),
        refresh,
        healthCheckGracePeriod,
    };
}

/** One `autoScaling.schedules[i]`; undefined when it is not an object or has no usable name. */
function schedule(c: Collector, at: string, value: unknown): ScheduleSetting | undefined {
    const v = objectWithKeys(c, at, value, SCHEDULE_KEYS, `a schedule ${SCHEDULE_SHAPE}`);
    if (!v) {
        return undefined;
    }
    const nameOk = typeof v.name === "string" && SCHEDULE_NAME.test(v.name);
    if (!nameOk) {
        c.bad(`${at}.name`, v.name, "a name of 1 to 255 letters, digits, - and _, unique among the schedules");
    }
    if (typeof v.recurrence !== "string") {
        c.bad(`${at}.recurrence`, v.recurrence, CRON_TEXT);
    } else {
        const problem = cronProblem(v.recurrence);
        if (problem) {
            c.bad(`${at}.recurrence`, v.recurrence, CRON_TEXT, problem);
        }
    }
    if (v.timeZone !== undefined) {
        const problem = timeZoneProblem(v.timeZone);
        if (problem !== undefined) {
            c.bad(`${at}.timeZone`, v.timeZone, "an IANA time zone name such as Europe/London or UTC", problem || undefined);
        }
    }
    const size = sizes(c, at, v, undefined, undefined);
    if (v.min === undefined && v.max === undefined && v.desired === undefined) {
        c.bad(at, value, "a schedule with at least one of min, max, desired", "a scheduled action that sets no size does nothing");
    }
    if (!nameOk) {
        return undefined;
    }
    return {
        name: v.name as string,
        recurrence: String(v.recurrence),
        ...(typeof v.timeZone === "string" ? { timeZone: v.timeZone } : {}),
        ...(size.min !== undefined ? { min: size.min } : {}),
        ...(size.max !== undefined ? { max: size.max } : {}),
        ...(size.desired !== undefined ? { desired: size.desired } : {}),
    };
}

/** Why `expr` is not a 5-field cron expression EC2 Auto Scaling takes (see CRON_FIELDS), or undefined when it is one. */
export function cronProblem(expr: string): string | undefined {
    if (expr.length > 255) {
        return "longer than 255 characters";
    }
    const fields = expr.trim().split(/\s+/).filter(f => f !== "");
    if (fields.length !== 5) {
        return fields.length === 6
            ? "6 fields: EC2 Auto Scaling takes traditional cron, without the year field of EventBridge and Application Auto Scaling"
            : `${fields.length} field${fields.length === 1 ? "" : "s"}`;
    }
    if (/[?#]/.test(expr) || fields.some(f => /^(\d*L|\d+W|LW)$/i.test(f))) {
        return "?, L, W and # belong to EventBridge's cron, not the traditional cron EC2 Auto Scaling takes";
    }
    for (let i = 0; i < 5; i++) {
        const spec = CRON_FIELDS[i];
        const field = fields[i];
        const numbers = `${spec.min} to ${spec.max}`;
        const range = spec.example ? `${numbers} or a name such as ${spec.example}` : numbers;
        if (spec.names?.includes(field.toLowerCase())) {
            continue;
        }
        for (const part of field.split(",")) {
            const m = /^(?:\*|([^-/]+)(?:-([^-/]+))?)(?:\/([^/]+))?$/.exec(part);
            if (!m) {
                return `${spec.name} ${show(part)} is not *, a number, a range a-b or a step */n or a-b/n`;
            }
            const [, from, to, step] = m;
            for (const value of [from, to]) {
                if (value === undefined) {
                    continue;
                }
                if (spec.names?.includes(value.toLowerCase())) {
                    return `${spec.name}: a name such as ${value} stands alone; ranges and lists take the numbers ${numbers}`;
                }
                if (!/^\d+$/.test(value) || Number(value) < spec.min || Number(value) > spec.max) {
                    return `${spec.name} ${show(value)} is not from ${range}`;
                }
            }
            if (to !== undefined && Number(to) < Number(from)) {
                return `${spec.name} range ${part} runs backwards`;
            }
            if (step !== undefined) {
                if (from !== undefined && to === undefined) {
                    return `${spec.name} step ${part} needs a range or * before the /`;
                }
                if (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > spec.max) {
                    return `${spec.name} step ${show(step)} is not from 1 to ${spec.max}`;
                }
            }
        }
    }
    return undefined;
}

/**
 * Why `value` is not an IANA time zone name, "" when there is nothing to add, or undefined when it is one. Node's
 * Intl knows every IANA name and alias (Intl.supportedValuesOf lists only canonical ones, not UTC or Etc/GMT+9), so a
 * name counts when Intl.DateTimeFormat takes it, spelled with its own case, and is not an offset such as +01:00.
 */
export function timeZoneProblem(value: unknown): string | undefined {
    const zones = [...Intl.supportedValuesOf("timeZone"), "UTC"];
    const suggest = (name: string) => {
        const s = closest(name, zones, 3);
        return s ? `did you mean "${s}"?` : "";
    };
    if (typeof value !== "string" || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) {
        return typeof value === "string" ? suggest(value) : "";
    }
    let resolved: string;
    try {
        resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
    } catch {
        return suggest(value);
    }
    if (resolved !== value && resolved.toLowerCase() === value.toLowerCase()) {
        return `time zone names are case-sensitive; did you mean "${resolved}"?`;
    }
    return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringList(c: Collector, key: string, value: unknown, pattern: RegExp | undefined, itemWhat: string, nonEmpty: boolean): string[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
        c.bad(key, value, nonEmpty ? `a non-empty list; each item ${itemWhat}` : `a list; each item ${itemWhat}`);
        return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
        if (typeof item !== "string" || (pattern && !pattern.test(item))) {
            c.bad(`${key}[${i}]`, item, itemWhat);
        } else if (out.includes(item)) {
            c.bad(`${key}[${i}]`, item, "each item once", "duplicate");
        } else {
            out.push(item);
        }
    });
    return out;
}

/** Checks a CIDR's syntax and alignment; returns its kind. */
function cidrKind(c: Collector, key: string, value: unknown): "cidrIpv4" | "cidrIpv6" | undefined {
    if (typeof value !== "string") {
        c.bad(key, value, "an IPv4 or IPv6 CIDR such as 203.0.113.10/32 or 2001:db8::/64");
        return undefined;
    }
    const v4 = parseIpv4Cidr(value);
    if (v4) {
        if (ipv4HasHostBits(v4)) {
            c.bad(key, value, "a CIDR with no host bits set (AWS would store it normalised and show a diff forever)",
                `did you mean "${formatIpv4Cidr({ base: ipv4Network(v4), prefix: v4.prefix })}"?`);
            return undefined;
        }
        return "cidrIpv4";
    }
    const v6 = parseIpv6Cidr(value);
    if (v6) {
        if (ipv6HasHostBits(v6)) {
            c.bad(key, value, "an IPv6 CIDR with no host bits set");
            return undefined;
        }
        return "cidrIpv6";
    }
    c.bad(key, value, "an IPv4 or IPv6 CIDR such as 203.0.113.10/32 or 2001:db8::/64");
    return undefined;
}

function port(c: Collector, key: string, value: unknown, min: number, max: number, what: string): number | undefined {
    const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
        c.bad(key, value, `${what} from ${min} to ${max}`);
        return undefined;
    }
    return n;
}

/** Parses a list of ingress/egress rules; one FirewallRule per source. */
function ruleList(c: Collector, key: string, value: unknown, sgKey: string): FirewallRule[] {
    const allowedKeys = ["protocol", "port", "fromPort", "toPort", "icmpType", "icmpCode", ...RULE_PEER_KEYS, sgKey, "description"];
    const shape = `{protocol, port or fromPort/toPort, ${[...RULE_PEER_KEYS, sgKey].join(" / ")}, description}`;
    if (!Array.isArray(value)) {
        c.bad(key, value, `a list of rules ${shape}`);
        return [];
    }
    const rules: FirewallRule[] = [];
    value.forEach((r, i) => {
        const at = `${key}[${i}]`;
        if (!isObject(r)) {
            c.bad(at, r, `a rule ${shape}`);
            return;
        }
        const unknownKeys = Object.keys(r).filter(k => !allowedKeys.includes(k));
        for (const k of unknownKeys) {
            const s = closest(k, allowedKeys, 3);
            c.bad(`${at}.${k}`, r[k], `only the rule keys ${allowedKeys.join(", ")}`, s ? `unknown rule key; did you mean "${s}"?` : "unknown rule key");
        }
        const protocol = typeof r.protocol === "string" ? r.protocol.toLowerCase() : r.protocol;
        if (!PROTOCOLS.includes(protocol as Protocol)) {
            c.bad(`${at}.protocol`, r.protocol, `one of ${PROTOCOLS.join(", ")}`);
            return;
        }
        const p = protocol as Protocol;
        let fromPort: number | undefined;
        let toPort: number | undefined;
        if (p === "tcp" || p === "udp") {
            for (const k of ["icmpType", "icmpCode"]) {
                if (r[k] !== undefined) {
                    c.bad(`${at}.${k}`, r[k], `no ${k} for ${p}; use port or fromPort/toPort`);
                }
            }
            if (r.port !== undefined && (r.fromPort !== undefined || r.toPort !== undefined)) {
                c.bad(`${at}.port`, r.port, "either port or fromPort/toPort, not both");
            } else if (r.port !== undefined) {
                fromPort = toPort = port(c, `${at}.port`, r.port, 0, 65535, "an integer port");
            } else if (r.fromPort !== undefined && r.toPort !== undefined) {
                fromPort = port(c, `${at}.fromPort`, r.fromPort, 0, 65535, "an integer port");
                toPort = port(c, `${at}.toPort`, r.toPort, 0, 65535, "an integer port");
                if (fromPort !== undefined && toPort !== undefined && fromPort > toPort) {
                    c.bad(`${at}.toPort`, r.toPort, `a port from fromPort (${fromPort}) to 65535`);
                }
            } else {
                c.bad(at, r, `a ${p} rule with port, or with both fromPort and toPort`);
            }
        } else if (p === "icmp" || p === "icmpv6") {
            for (const k of ["port", "fromPort", "toPort"]) {
                if (r[k] !== undefined) {
                    c.bad(`${at}.${k}`, r[k], `no ports for ${p}; use icmpType/icmpCode (default -1, all)`);
                }
            }
            fromPort = r.icmpType === undefined ? -1 : port(c, `${at}.icmpType`, r.icmpType, -1, 255, "an ICMP type");
            toPort = r.icmpCode === undefined ? -1 : port(c, `${at}.icmpCode`, r.icmpCode, -1, 255, "an ICMP code");
            // EC2 API IpPermission: "For the ICMP/ICMPv6 type number, you can use -1 to specify all ICMP/ICMPv6
            // types. If you specify all ICMP/ICMPv6 types, you must specify all ICMP/ICMPv6 codes."
            if (fromPort === -1 && toPort !== undefined && toPort !== -1) {
                c.bad(`${at}.icmpCode`, r.icmpCode, "-1 or no icmpCode while icmpType is -1 or absent (all ICMP types)",
                    "AWS requires code -1 with type -1; set icmpType to the type this code belongs to");
            }
        } else {
            for (const k of ["port", "fromPort", "toPort", "icmpType", "icmpCode"]) {
                if (r[k] !== undefined) {
                    c.bad(`${at}.${k}`, r[k], "no ports for protocol all (it means every protocol and port)");
                }
            }
        }
        if (typeof r.description !== "string" || r.description.trim() === "" || r.description.length > 255 || !/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/.test(r.description)) {
            c.bad(`${at}.description`, r.description, "a non-empty description of up to 255 characters from AWS's allowed set (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)");
        }
        const peers: FirewallRule["peer"][] = [];
        const collect = (k: string, kind: (v: unknown, at: string) => PeerKind | undefined) => {
            const v = r[k];
            if (v === undefined) {
                return;
            }
            const list = Array.isArray(v) ? v : [v];
            if (list.length === 0) {
                c.bad(`${at}.${k}`, v, "a value or a non-empty list");
            }
            list.forEach((item, j) => {
                const itemAt = Array.isArray(v) ? `${at}.${k}[${j}]` : `${at}.${k}`;
                const kd = kind(item, itemAt);
                if (kd) {
                    peers.push({ kind: kd, value: String(item) });
                }
            });
        };
        collect("cidr", (v, a) => {
            const kd = cidrKind(c, a, v);
            if (kd === "cidrIpv6") {
                c.bad(a, v, "an IPv4 CIDR (put IPv6 CIDRs under ipv6Cidr)");
                return undefined;
            }
            return kd;
        });
        collect("ipv6Cidr", (v, a) => {
            const kd = cidrKind(c, a, v);
            if (kd === "cidrIpv4") {
                c.bad(a, v, "an IPv6 CIDR (put IPv4 CIDRs under cidr)");
                return undefined;
            }
            return kd;
        });
        collect(sgKey, (v, a) => {
            if (typeof v !== "string" || !SG_ID.test(v)) {
                c.bad(a, v, "a security group id like sg-0123456789abcdef0");
                return undefined;
            }
            return "securityGroup";
        });
        collect("prefixListId", (v, a) => {
            if (typeof v !== "string" || !PREFIX_LIST_ID.test(v)) {
                c.bad(a, v, "a managed prefix list id like pl-0123456789abcdef0");
                return undefined;
            }
            return "prefixList";
        });
        const hasPeerKey = [...RULE_PEER_KEYS, sgKey].some(k => r[k] !== undefined);
        if (!hasPeerKey && unknownKeys.length === 0) {
            c.bad(at, r, `a rule with at least one of ${[...RULE_PEER_KEYS, sgKey].join(", ")}`);
        }
        if (p === "icmpv6" && peers.some(x => x.kind === "cidrIpv4")) {
            c.bad(`${at}.cidr`, r.cidr, "an IPv6 source for icmpv6 (use ipv6Cidr)");
        }
        if (p === "icmp" && peers.some(x => x.kind === "cidrIpv6")) {
            c.bad(`${at}.ipv6Cidr`, r.ipv6Cidr, "an IPv4 source for icmp (use icmpv6 for IPv6)");
        }
        for (const peer of peers) {
            rules.push({ protocol: p, fromPort, toPort, peer, description: String(r.description ?? "") });
        }
    });
    return rules;
}

/** Two identical rules would fight over one AWS rule: AWS rejects the second as a duplicate. */
function checkDuplicates(c: Collector, key: string, rules: FirewallRule[]): void {
    const seen = new Set<string>();
    for (const r of rules) {
        const id = ruleSlug(r);
        if (seen.has(id)) {
            c.conflict(`${NAMESPACE}:${key}: the rule ${r.protocol} ${portText(r)} ${r.peer.value} is given twice (check sshCidrs and ${key}); AWS rejects duplicate rules`);
        }
        seen.add(id);
    }
}

function volume(c: Collector, key: string, v: unknown, types: string[], defaults: Partial<VolumeSettings>, extraKeys: string[]): VolumeSettings {
    const fallback: VolumeSettings = { sizeGiB: defaults.sizeGiB ?? 8, type: defaults.type ?? "gp3", encrypted: defaults.encrypted ?? true };
    if (!isObject(v)) {
        c.bad(key, v, "an object {sizeGiB, type, encrypted, iops?, throughput?, kmsKeyId?}");
        return fallback;
    }
    const allowed = ["sizeGiB", "type", "encrypted", "iops", "throughput", "kmsKeyId", ...extraKeys];
    for (const k of Object.keys(v)) {
        if (!allowed.includes(k)) {
            const s = closest(k, allowed, 3);
            c.bad(`${key}.${k}`, v[k], `only the keys ${allowed.join(", ")}`, s ? `unknown key; did you mean "${s}"?` : "unknown key");
        }
    }
    const type = v.type ?? fallback.type;
    if (typeof type !== "string" || !types.includes(type)) {
        c.bad(`${key}.type`, type, `one of ${types.join(", ")}`);
        return fallback;
    }
    const limits = EBS_TYPES[type];
    let sizeGiB = fallback.sizeGiB;
    if (v.sizeGiB === undefined && defaults.sizeGiB === undefined) {
        c.bad(`${key}.sizeGiB`, undefined, `an integer size in GiB from ${limits.minSizeGiB} to ${limits.maxSizeGiB} for ${type}`);
    } else if (v.sizeGiB !== undefined) {
        sizeGiB = port(c, `${key}.sizeGiB`, v.sizeGiB, limits.minSizeGiB, limits.maxSizeGiB, `an integer size in GiB for ${type}`) ?? sizeGiB;
    }
    const encrypted = v.encrypted ?? fallback.encrypted;
    if (typeof encrypted !== "boolean") {
        c.bad(`${key}.encrypted`, encrypted, "true or false");
    }
    const out: VolumeSettings = { sizeGiB, type, encrypted: encrypted !== false };
    if (v.iops !== undefined) {
        if (!limits.iops) {
            c.bad(`${key}.iops`, v.iops, `no iops for ${type} (only gp3, io1, io2 take iops)`);
        } else {
            out.iops = port(c, `${key}.iops`, v.iops, limits.iops.min, limits.iops.max, `an integer IOPS for ${type}`);
        }
    } else if (limits.iops?.required) {
        c.bad(`${key}.iops`, undefined, `an integer IOPS from ${limits.iops.min} to ${limits.iops.max} (required for ${type})`);
    }
    if (v.throughput !== undefined) {
        if (!limits.throughput) {
            c.bad(`${key}.throughput`, v.throughput, `no throughput for ${type} (only gp3 takes throughput)`);
        } else {
            out.throughput = port(c, `${key}.throughput`, v.throughput, limits.throughput.min, limits.throughput.max, `an integer throughput in MiB/s for ${type}`);
        }
    }
    if (v.kmsKeyId !== undefined) {
        if (typeof v.kmsKeyId !== "string" || !KMS_KEY_ARN.test(v.kmsKeyId)) {
            const kind = typeof v.kmsKeyId !== "string" ? undefined
                : KMS_ALIAS.test(v.kmsKeyId) ? "an alias or alias ARN" : KMS_KEY_ID.test(v.kmsKeyId) ? "a bare key id" : undefined;
            const fix = kind === "a bare key id" ? "use the key's full ARN" : "use the ARN from `aws kms describe-key --key-id <alias> --query KeyMetadata.Arn`";
            c.bad(`${key}.kmsKeyId`, v.kmsKeyId, KMS_KEY_ARN_TEXT,
                kind && `AWS stores the key ARN, so ${kind} is read back as a different value and replaces the volume on every up; ${fix}`);
        } else if (out.encrypted === false) {
            c.bad(`${key}.kmsKeyId`, v.kmsKeyId, "no kmsKeyId on an unencrypted volume (set encrypted: true)");
        } else {
            out.kmsKeyId = v.kmsKeyId;
        }
    }
    return out;
}

/** Why a string is not an OpenSSH public key AWS will import, or undefined when it is one. */
export function openSshPublicKeyProblem(text: string): string | undefined {
    const parts = text.trim().split(/\s+/);
    if (parts.length < 2) {
        return "not in OpenSSH format";
    }
    const [type, b64] = parts;
    if (!OPENSSH_KEY_TYPES.includes(type)) {
        return text.includes("BEGIN") ? "PEM is not accepted; convert with `ssh-keygen -y -f key.pem`" : `EC2 ImportKeyPair accepts only ED25519 and RSA keys, not ${show(type)}`;
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
        return "the key data is not base64";
    }
    const blob = Buffer.from(b64, "base64");
    const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
    if (len <= 0 || 4 + len > blob.length || blob.subarray(4, 4 + len).toString("latin1") !== type) {
        return `the key data does not encode a ${type} key`;
    }
    return undefined;
}

/**
 * The SDK's `isConfigSecret` (what `pulumi.Config.getSecret` relies on) is exported at runtime but marked internal
 * in its typings; a test with a secret userData keeps this working across SDK upgrades.
 */
const isConfigSecret = (runtimeConfig as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;

/** Reads the stack's `ec2-server:*` config through the Pulumi runtime and validates it. */
export function loadConfig(): ServerConfig {
    return configFromKeys(runtimeConfig.allConfig(), key => isConfigSecret?.(key) ?? false);
}

/**
 * Validates a stack's config given as the CLI passes it to the program: every key with its namespace
 * (`ec2-server:instanceType`, `aws:region`) to its string value, and which keys are secret.
 */
export function configFromKeys(all: Record<string, string>, isSecret: (fullKey: string) => boolean): ServerConfig {
    const raw: RawConfig = {};
    const secretKeys = new Set<string>();
    const prefix = `${NAMESPACE}:`;
    for (const [fullKey, value] of Object.entries(all)) {
        if (fullKey.startsWith(prefix)) {
            const key = fullKey.slice(prefix.length);
            raw[key] = value;
            if (isSecret(fullKey)) {
                secretKeys.add(key);
            }
        }
    }
    return parseConfig(raw, secretKeys);
}
