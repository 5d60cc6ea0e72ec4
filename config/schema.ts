/**
 * The `ec2-server` configuration contract: its keys, their defaults and the shapes of their values, and the typed
 * config the program gets. Anything else under the `ec2-server:` namespace is an error.
 */
// Types only: the components' Args, which the config maps onto. Importing a component's module would load the SDK.
import type { AutoScalingSetting } from "../components/auto-scaling";
import type { DataVolumeSettings, VolumeSettings } from "../components/instance";
import type { KeyAlgorithm } from "../components/key-pair";
import type { LoadBalancerSetting } from "../components/load-balancer";
import type { NatGateways } from "../components/network";
import type { FirewallRule } from "../components/security-group";

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

/** Raw config: key (without namespace) → string value as Pulumi stores it (objects and lists as JSON). */
export type RawConfig = Record<string, string>;

export const RULE_PEER_KEYS = ["cidr", "ipv6Cidr", "prefixListId"] as const;
export const INGRESS_SG_KEY = "sourceSecurityGroupId";
export const EGRESS_SG_KEY = "destinationSecurityGroupId";
export const SG_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const PREFIX_LIST_ID = /^pl-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SNAPSHOT_ID = /^snap-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** The contract's scheduled action names (AWS takes any 1–255 printable characters; these also suit resource names). */
export const SCHEDULE_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export const LOAD_BALANCER_KEYS = ["port", "targetPort", "healthCheckPath", "certificateArn", "sources", "deletionProtection", "subnetIds"];
export const LOAD_BALANCER_SHAPE = "an object {port?, targetPort?, healthCheckPath?, certificateArn?, sources?, deletionProtection?, subnetIds?}";

export const AUTO_SCALING_KEYS = ["min", "max", "desired", "cpuTarget", "requestsPerTarget", "schedules", "instanceTypes", "spot", "refresh", "healthCheckGracePeriod"];
export const AUTO_SCALING_SHAPE = "an object {min?, max, desired?, cpuTarget?, requestsPerTarget?, schedules?, instanceTypes?, spot?, refresh?, healthCheckGracePeriod?}";
export const SCHEDULE_KEYS = ["name", "recurrence", "timeZone", "min", "max", "desired"];
export const SCHEDULE_SHAPE = "{name, recurrence, timeZone?, min?, max?, desired?}";
export const SPOT_KEYS = ["onDemandBase", "onDemandPercentAboveBase"];
export const REFRESH_KEYS = ["minHealthyPercent", "autoRollback", "skipMatching"];
/** A group's instance types: instanceType plus these extra ones (40 in all is the most a group takes). */
export const MAX_EXTRA_INSTANCE_TYPES = 39;
