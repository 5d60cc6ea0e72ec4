/**
 * One model of AWS for every test and for the offline plan: `pulumi.runtime.Mocks` that answer the way AWS and
 * the providers do. Ids have AWS's shapes and are derived from the resource name, so the same program gives the
 * same plan every run. Addresses come from the subnet's CIDR; a public IP exists only where AWS would assign one;
 * keys are real. What AWS would reject (a rule with two sources, a volume attached across zones, an AMI of the
 * wrong architecture …) throws with AWS's error code. Any resource type or invoke the model does not know throws,
 * so a new data source or resource cannot silently return nothing.
 */
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { cidrSubnet, ipv4At, ipv4Contains, parseIpv4Cidr, parseIpv6Cidr } from "../lib/cidr";
import { instanceTypeArchitecture } from "../lib/aws-facts";
import {
    Assumption, ID_PATTERNS, NotVerified, OfflineFacts, OpenWorld, UNKNOWN_LOGIN_USER, UNKNOWN_PRIVATE_DNS, UNKNOWN_PRIVATE_IP, UNKNOWN_PUBLIC_DNS, UNKNOWN_PUBLIC_IP,
    describeAssumption, emptyFacts,
} from "./facts";
import { ec2ImportedKeyFingerprint, ed25519Key, parseOpenSshPublicKey, rsaKey } from "./ssh-keys";
import { nextOccurrence } from "./cron";
import { hasSdkSignature } from "./sdk-shims";

/** A scheduled action's time as the provider stores it (schedule.go ScheduleTimeLayout "2006-01-02T15:04:05Z"). */
export function scheduleTime(t: Date): string {
    return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

type Props = Record<string, unknown>;

export const ACCOUNT_ID = "123456789012";

/**
 * Availability zones per region: every Region of the AWS Standard (commercial) partition, as hashicorp/aws-sdk-go-base
 * endpoints/endpoints_gen.go lists them (generated from the AWS SDKs' partitions.json), and cn-north-1.
 *
 * A zone's name is its Region's code and a letter. How many zones each Region has comes from the AZ IDs the AWS
 * documentation lists per Region ("AWS Availability Zones", docs.aws.amazon.com/global-infrastructure/latest/
 * regions/aws-availability-zones.html). Regions opened after November 2012 map zone names to zones alike for every
 * account ("AZ IDs", .../regions/az-ids.html), and their letters follow their AZ IDs (ca-central-1 has no 1c: its
 * third zone, cac1-az4, is ca-central-1d). The oldest Regions name zones per account; where an account sees only
 * some of a Region's zones (us-west-1), and for the Regions opened since 2024, whose names were not checked against
 * AWS documentation, the names are assumptions (ASSUMED_ZONE_NAMES) that the plan lists under "Not verified offline".
 */
export const REGION_ZONES: Record<string, string[]> = {
    "us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"],
    "us-east-2": ["us-east-2a", "us-east-2b", "us-east-2c"],
    "us-west-1": ["us-west-1a", "us-west-1c"],
    "us-west-2": ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"],
    "af-south-1": ["af-south-1a", "af-south-1b", "af-south-1c"],
    "ap-east-1": ["ap-east-1a", "ap-east-1b", "ap-east-1c"],
    "ap-east-2": ["ap-east-2a", "ap-east-2b", "ap-east-2c"],
    "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
    "ap-northeast-2": ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"],
    "ap-northeast-3": ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"],
    "ap-south-1": ["ap-south-1a", "ap-south-1b", "ap-south-1c"],
    "ap-south-2": ["ap-south-2a", "ap-south-2b", "ap-south-2c"],
    "ap-southeast-1": ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    "ap-southeast-2": ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"],
    "ap-southeast-3": ["ap-southeast-3a", "ap-southeast-3b", "ap-southeast-3c"],
    "ap-southeast-4": ["ap-southeast-4a", "ap-southeast-4b", "ap-southeast-4c"],
    "ap-southeast-5": ["ap-southeast-5a", "ap-southeast-5b", "ap-southeast-5c"],
    "ap-southeast-6": ["ap-southeast-6a", "ap-southeast-6b", "ap-southeast-6c"],
    "ap-southeast-7": ["ap-southeast-7a", "ap-southeast-7b", "ap-southeast-7c"],
    "ca-central-1": ["ca-central-1a", "ca-central-1b", "ca-central-1d"],
    "ca-west-1": ["ca-west-1a", "ca-west-1b", "ca-west-1c"],
    "eu-central-1": ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
    "eu-central-2": ["eu-central-2a", "eu-central-2b", "eu-central-2c"],
    "eu-north-1": ["eu-north-1a", "eu-north-1b", "eu-north-1c"],
    "eu-south-1": ["eu-south-1a", "eu-south-1b", "eu-south-1c"],
    "eu-south-2": ["eu-south-2a", "eu-south-2b", "eu-south-2c"],
    "eu-west-1": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    "eu-west-2": ["eu-west-2a", "eu-west-2b", "eu-west-2c"],
    "eu-west-3": ["eu-west-3a", "eu-west-3b", "eu-west-3c"],
    "il-central-1": ["il-central-1a", "il-central-1b", "il-central-1c"],
    "me-central-1": ["me-central-1a", "me-central-1b", "me-central-1c"],
    "me-south-1": ["me-south-1a", "me-south-1b", "me-south-1c"],
    "mx-central-1": ["mx-central-1a", "mx-central-1b", "mx-central-1c"],
    "sa-east-1": ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
    "cn-north-1": ["cn-north-1a", "cn-north-1b", "cn-north-1d"],
};

/** Regions whose zone names above are assumed, and why: the plan lists them under "Not verified offline". */
export const ASSUMED_ZONE_NAMES: Record<string, string> = {
    "us-west-1": "AWS names this region's zones for each account, and gives an account two of its three; `pulumi up` uses your account's names",
    ...Object.fromEntries(["ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1"].map(region =>
        [region, "three zones, named as in the Regions AWS names alike for every account; not checked against AWS"])),
};

/**
 * The canonical hosted zone of Application Load Balancers per region (a load balancer's `zoneId`, for Route 53
 * alias records): terraform-provider-aws internal/service/elbv2/hosted_zone_id_data_source.go
 * hostedZoneIDPerRegionALBMap (AWS General Reference, "Elastic Load Balancing endpoints and quotas"). null where
 * that map has no entry (ap-east-2, ap-southeast-6): the model does not make one up, leaves the load balancer's
 * zoneId unset and lists it under "Not verified offline".
 */
export const ALB_HOSTED_ZONE_IDS: Record<string, string | null> = {
    "us-east-1": "Z35SXDOTRQ7X7K",
    "us-east-2": "Z3AADJGX6KTTL2",
    "us-west-1": "Z368ELLRRE2KJ0",
    "us-west-2": "Z1H1FL5HABSF5",
    "af-south-1": "Z268VQBMOI5EKX",
    "ap-east-1": "Z3DQVH9N71FHZ0",
    "ap-east-2": null,
    "ap-northeast-1": "Z14GRHDCWA56QT",
    "ap-northeast-2": "ZWKZPGTI48KDX",
    "ap-northeast-3": "Z5LXEXXYW11ES",
    "ap-south-1": "ZP97RAFLXTNZK",
    "ap-south-2": "Z0173938T07WNTVAEPZN",
    "ap-southeast-1": "Z1LMS91P8CMLE5",
    "ap-southeast-2": "Z1GM3OXH4ZPM65",
    "ap-southeast-3": "Z08888821HLRG5A9ZRTER",
    "ap-southeast-4": "Z09517862IB2WZLPXG76F",
    "ap-southeast-5": "Z06010284QMVVW7WO5J",
    "ap-southeast-6": null,
    "ap-southeast-7": "Z0390008CMBRTHFGWBCB",
    "ca-central-1": "ZQSVJUPU6J1EY",
    "ca-west-1": "Z06473681N0SF6OS049SD",
    "eu-central-1": "Z215JYRZR1TBD5",
    "eu-central-2": "Z06391101F2ZOEP8P5EB3",
    "eu-north-1": "Z23TAZ6LKFMNIO",
    "eu-south-1": "Z3ULH7SSC9OV64",
    "eu-south-2": "Z0956581394HF5D5LXGAP",
    "eu-west-1": "Z32O12XQLNTSW2",
    "eu-west-2": "ZHURV8PSTC4K8",
    "eu-west-3": "Z3Q77PNBQS71R4",
    "il-central-1": "Z09170902867EHPV2DABU",
    "me-central-1": "Z08230872XQRWHG2XF6I",
    "me-south-1": "ZS929ML54UICD",
    "mx-central-1": "Z023552324OKD1BB28BH5",
    "sa-east-1": "Z2P70J7HTTTPLU",
    "cn-north-1": "Z1GDH35T77C1KE",
};

export interface ModelImage {
    id: string; name: string; description: string; architecture: "x86_64" | "arm64";
    rootDeviceName: string; rootSizeGiB: number; platform: string; ownerId: string;
}

/** AMIs published under the public SSM parameters, per alias path. */
const PUBLISHED: Record<string, Omit<ModelImage, "id">> = {
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": {
        name: "al2023-ami-2023.9.20251110.1-kernel-6.1-x86_64", description: "Amazon Linux 2023 AMI 2023.9.20251110.1 x86_64 HVM kernel-6.1",
        architecture: "x86_64", rootDeviceName: "/dev/xvda", rootSizeGiB: 8, platform: "", ownerId: "137112412989",
    },
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64": {
        name: "al2023-ami-2023.9.20251110.1-kernel-6.1-arm64", description: "Amazon Linux 2023 AMI 2023.9.20251110.1 arm64 HVM kernel-6.1",
        architecture: "arm64", rootDeviceName: "/dev/xvda", rootSizeGiB: 8, platform: "", ownerId: "137112412989",
    },
    "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id": {
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251112", description: "Canonical, Ubuntu, 24.04, amd64 noble image",
        architecture: "x86_64", rootDeviceName: "/dev/sda1", rootSizeGiB: 8, platform: "", ownerId: "099720109477",
    },
    "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id": {
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20251112", description: "Canonical, Ubuntu, 24.04, arm64 noble image",
        architecture: "arm64", rootDeviceName: "/dev/sda1", rootSizeGiB: 8, platform: "", ownerId: "099720109477",
    },
};

/** Images a stack may pin by id (the same ids in every region of the model). */
export const PINNED_IMAGES: ModelImage[] = [
    { id: "ami-0123456789abcdef0", name: "debian-12-amd64-20251020-2273", description: "Debian 12 (20251020-2273)", architecture: "x86_64", rootDeviceName: "/dev/xvda", rootSizeGiB: 8, platform: "", ownerId: "136693071363" },
    { id: "ami-0fedcba9876543210", name: "Windows_Server-2022-English-Full-Base-2025.11.12", description: "Microsoft Windows Server 2022 Full Locale English AMI", architecture: "x86_64", rootDeviceName: "/dev/sda1", rootSizeGiB: 30, platform: "windows", ownerId: "801119661308" },
    { id: "ami-0a1b2c3d4e5f60789", name: "RHEL-9.6.0_HVM-20251015-arm64-0-Hourly2-GP3", description: "Provided by Red Hat, Inc.", architecture: "arm64", rootDeviceName: "/dev/sda1", rootSizeGiB: 10, platform: "", ownerId: "309956199498" },
];

/** A network that exists in the account before the program runs, for adoption tests. */
export const EXISTING = {
    vpcId: "vpc-0e1d2c3b4a5968778",
    vpcCidr: "172.31.0.0/16",
    subnets: [
        { id: "subnet-0aa11bb22cc33dd44", cidr: "172.31.0.0/20", zoneIndex: 0, mapPublicIpOnLaunch: true },
        { id: "subnet-0ee55ff66aa77bb88", cidr: "172.31.16.0/20", zoneIndex: 1, mapPublicIpOnLaunch: true },
    ],
    /** A subnet of another VPC. */
    foreignSubnet: { id: "subnet-0cc99dd00ee11ff22", cidr: "10.99.0.0/24", vpcId: "vpc-0f0e0d0c0b0a09080", zoneIndex: 0 },
    securityGroupIds: ["sg-0123456789abcdef0", "sg-0fedcba9876543210"],
};

/** Removes pulumi's secret wrappers (the model reasons about values; the engine keeps secretness). */
export function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (value && typeof value === "object") {
        const obj = value as Props;
        if (hasSdkSignature(obj) && "value" in obj) {
            return unwrapSecrets(obj.value);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

class AwsError extends Error {
    constructor(code: string, message: string) {
        super(`${code}: ${message}`);
    }
}

/** `cidr` and `mapPublicIpOnLaunch` are undefined for a subnet the model only assumes (open world): unknown. */
interface SubnetRecord { id: string; vpcId: string; cidr: string | undefined; az: string; mapPublicIpOnLaunch: boolean | undefined; used: Set<number> }

export interface AwsModelOptions {
    region: string;
    /** What is known about AMIs, subnets, security groups and VPCs the model does not create (offline/facts.ts). */
    facts?: OfflineFacts;
    /**
     * Open world, for the offline plan: a well-formed id the model does not know is assumed to exist (in
     * `vpcId`, with the architecture of `instanceType`), and each assumption is kept in `assumptions`.
     * Without it (tests) the world is closed: such an id does not exist, as in an account the test fully describes.
     */
    openWorld?: OpenWorld;
    /**
     * How many newer images AWS has published under each public parameter since the model's first (the simulated
     * account's `imageReleases`): the parameter then names the newest, and the older ones still exist.
     */
    imageReleases?: Record<string, number>;
    /** The model's clock (when a scheduled action first runs). @default the wall clock */
    now?: () => Date;
}

export class AwsModel implements pulumi.runtime.Mocks {
    readonly region: string;
    readonly partition: string;
    readonly zones: string[];
    private readonly vpcs = new Map<string, { cidr: string }>();
    private readonly subnets = new Map<string, SubnetRecord>();
    private readonly securityGroups = new Map<string, { vpcId: string }>();
    private readonly keyPairs = new Set<string>();
    private readonly instances = new Map<string, { az: string; subnetId: string }>();
    private readonly volumes = new Map<string, { az: string }>();
    private readonly allocations = new Set<string>();
    /** Elastic IP addresses by allocation id: a NAT gateway reports its Elastic IP's address. */
    private readonly eipAddresses = new Map<string, string>();
    /** Allocations a NAT gateway holds: AWS gives an Elastic IP to one gateway only. */
    private readonly natAllocations = new Set<string>();
    /** Load balancers by ARN: their VPC and the ports their listeners take. */
    private readonly loadBalancers = new Map<string, { vpcId: string; listenerPorts: Set<number> }>();
    /** Target groups by ARN: their VPC. */
    /** Target groups by ARN: their VPC, and the load balancers whose listeners forward to them (their association). */
    private readonly targetGroups = new Map<string, { vpcId: string; loadBalancers: Set<string> }>();
    /** Launch templates by id: what CreateAutoScalingGroup checks a template's data against. */
    private readonly launchTemplates = new Map<string, { name: string; latestVersion: number; data: Props }>();
    /** Auto Scaling groups by name. */
    private readonly groups = new Set<string>();
    /** The target group ARNs each group (by name) is attached to: its own targetGroupArns and its traffic sources. */
    private readonly groupTargets = new Map<string, Set<string>>();
    /** Every invoke the program made, in order: `token` and its args. */
    readonly invokes: { token: string; args: Props }[] = [];
    private readonly facts: OfflineFacts;
    private readonly openWorld?: OpenWorld;
    private readonly imageReleases: Record<string, number>;
    readonly now: () => Date;
    /** VPCs the program created: the model knows every group in them. */
    private readonly createdVpcs = new Set<string>();
    /** AMIs the model does not know, as first resolved (from facts, or assumed). */
    private readonly openImages = new Map<string, ModelImage & { architectureAssumed: boolean }>();
    private assumedSubnets = 0;
    private readonly notVerified = new NotVerified();

    constructor(options: AwsModelOptions) {
        this.region = options.region;
        const zones = REGION_ZONES[options.region];
        if (!zones) {
            throw new Error(`The AWS model has no region "${options.region}"; known: ${Object.keys(REGION_ZONES).join(", ")}`);
        }
        this.zones = zones;
        if (ASSUMED_ZONE_NAMES[options.region] !== undefined) {
            this.notVerified.record(`zones of ${options.region}`, describeAssumption({ assumed: [`${zones.join(", ")} (${ASSUMED_ZONE_NAMES[options.region]})`] }));
        }
        this.partition = options.region.startsWith("cn-") ? "aws-cn" : "aws";
        this.facts = options.facts ?? emptyFacts();
        this.openWorld = options.openWorld;
        // A closed world (the tests, the simulated account) has a network of its own to adopt. The open world of the
        // offline plan knows no id the program did not create: facts, state or assumptions describe those.
        if (!this.openWorld) {
            this.vpcs.set(EXISTING.vpcId, { cidr: EXISTING.vpcCidr });
            for (const s of EXISTING.subnets) {
                this.subnets.set(s.id, { id: s.id, vpcId: EXISTING.vpcId, cidr: s.cidr, az: zones[s.zoneIndex], mapPublicIpOnLaunch: s.mapPublicIpOnLaunch, used: new Set() });
            }
            const f = EXISTING.foreignSubnet;
            this.vpcs.set(f.vpcId, { cidr: "10.99.0.0/16" });
            this.subnets.set(f.id, { id: f.id, vpcId: f.vpcId, cidr: f.cidr, az: zones[f.zoneIndex], mapPublicIpOnLaunch: false, used: new Set() });
            for (const id of EXISTING.securityGroupIds) {
                this.securityGroups.set(id, { vpcId: EXISTING.vpcId });
            }
        }
        this.imageReleases = options.imageReleases ?? {};
        this.now = options.now ?? (() => new Date());
        const wrongZones = Object.entries(this.facts.subnets).filter(([, s]) => s.availabilityZone !== undefined && !zones.includes(s.availabilityZone));
        if (wrongZones.length > 0) {
            throw new Error(`facts for another region: ${wrongZones.map(([id, s]) => `subnet ${id} in ${s.availabilityZone} (${s.source})`).join(", ")}; the zones of ${options.region} are ${zones.join(", ")}`);
        }
    }

    /** The region's ALB hosted zone id; undefined (and listed as not verified) where the model does not know it. */
    private albHostedZoneId(): string | undefined {
        const id = ALB_HOSTED_ZONE_IDS[this.region];
        if (typeof id !== "string") {
            this.notVerified.record(`ALB hosted zone of ${this.region}`, describeAssumption({
                unknown: ["terraform-provider-aws (elbv2 hosted_zone_id_data_source.go) does not list it, so the load balancers' zoneId is left unset"],
            }));
            return undefined;
        }
        return id;
    }

    /** What the model accepted without knowing it, each once, grouped by kind (offline/facts.ts NotVerified). */
    get assumptions(): Assumption[] {
        return this.notVerified.list;
    }

    /** AWS rejects an id of the wrong shape as malformed before it looks anything up. */
    private checkShape(kind: "subnet" | "vpc" | "securityGroup", id: string): void {
        if (!ID_PATTERNS[kind].test(id)) {
            const [code, noun] = { subnet: ["InvalidSubnetID", "subnet"], vpc: ["InvalidVpcID", "vpc"], securityGroup: ["InvalidGroupId", "security group"] }[kind];
            throw new AwsError(`${code}.Malformed`, `The ${noun} ID '${id}' is malformed`);
        }
    }

    /** A VPC the model knows, or one the facts name or the open world assumes (recorded). */
    private vpc(vpcId: string): { cidr: string | undefined } | undefined {
        const known = this.vpcs.get(vpcId);
        if (known) {
            return known;
        }
        this.checkShape("vpc", vpcId);
        const f = this.facts.vpcs[vpcId];
        if (!f && !this.openWorld) {
            return undefined;
        }
        this.notVerified.record(vpcId, f?.cidr
            ? describeAssumption({ told: [`CIDR ${f.cidr}`], source: f.source })
            : describeAssumption({ assumed: ["to exist"], unknown: ["CIDR"] }));
        return { cidr: f?.cidr };
    }

    /** A subnet the model knows, or one the facts name or the open world assumes (recorded, then kept). */
    private subnet(id: string): SubnetRecord | undefined {
        const known = this.subnets.get(id);
        if (known) {
            return known;
        }
        this.checkShape("subnet", id);
        const f = this.facts.subnets[id];
        if (!f && !this.openWorld) {
            return undefined;
        }
        const vpcId = f?.vpcId ?? this.openWorld?.vpcId;
        if (!vpcId) {
            throw new Error(`The AWS model cannot place the unknown subnet ${id}: give its vpcId in the facts, or openWorld.vpcId (the stack's existingVpcId)`);
        }
        const az = f?.availabilityZone ?? this.zones[this.assumedSubnets++ % this.zones.length];
        const told: string[] = [];
        const assumed: string[] = [];
        (f?.availabilityZone ? told : assumed).push(f?.availabilityZone ? `zone ${az}` : `zone ${az} (unknown subnets take the region's zones in turn)`);
        (f?.vpcId ? told : assumed).push(f?.vpcId ? `VPC ${vpcId}` : `VPC ${vpcId} (the stack's existingVpcId)`);
        if (f?.cidr) {
            told.push(`CIDR ${f.cidr}`);
        }
        const mapPublicIpOnLaunch = f?.mapPublicIpOnLaunch ?? (this.openWorld?.mapPublicIpOnLaunch ? true : undefined);
        if (f?.mapPublicIpOnLaunch !== undefined) {
            told.push(`mapPublicIpOnLaunch ${f.mapPublicIpOnLaunch}`);
        } else if (mapPublicIpOnLaunch) {
            assumed.push("mapPublicIpOnLaunch on (the stack's servers take their public IPv4 address from the subnet)");
        }
        this.notVerified.record(id, describeAssumption({ told, source: f?.source, assumed, unknown: f?.cidr ? [] : [`CIDR (private IPs show ${UNKNOWN_PRIVATE_IP})`] }));
        const record: SubnetRecord = { id, vpcId, cidr: f?.cidr, az, mapPublicIpOnLaunch, used: new Set() };
        this.subnets.set(id, record);
        return record;
    }

    /**
     * A security group the model knows, or one the facts name or the open world assumes to be in `vpcId` (the
     * subnet's VPC). A VPC the program creates has no group the model does not know.
     */
    private securityGroup(id: string, vpcId: string | undefined): { vpcId: string | undefined } | undefined {
        const known = this.securityGroups.get(id);
        if (known) {
            return known;
        }
        this.checkShape("securityGroup", id);
        const f = this.facts.securityGroups[id];
        if ((!f && !this.openWorld) || (!f?.vpcId && vpcId !== undefined && this.createdVpcs.has(vpcId))) {
            return undefined;
        }
        const groupVpc = f?.vpcId ?? vpcId;
        this.notVerified.record(id, f?.vpcId
            ? describeAssumption({ told: [`VPC ${groupVpc}`], source: f.source, unknown: ["its rules"] })
            : describeAssumption({ assumed: [groupVpc ? `to exist in VPC ${groupVpc} (the subnet's VPC)` : "to exist"], unknown: ["its rules"] }));
        return { vpcId: groupVpc };
    }

    /** Records an id the model accepts without looking it up (prefix lists, KMS keys, snapshots, referenced groups). */
    private notLookedUp(subject: string, assumed: string): void {
        this.notVerified.record(subject, describeAssumption({ assumed: [assumed] }));
    }

    private get dnsSuffix(): string {
        return this.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    }

    /** Deterministic hex from a seed. */
    private hex(seed: string, length: number): string {
        return crypto.createHash("sha256").update(`${this.region}/${seed}${this.round ? `/replacement-${this.round}` : ""}`).digest("hex").slice(0, length);
    }

    private awsId(prefix: string, seed: string): string {
        return `${prefix}-0${this.hex(seed, 16)}`;
    }

    /** A deterministic UUID (the form Auto Scaling ARNs carry). */
    private uuid(seed: string): string {
        const h = this.hex(`uuid/${seed}`, 32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }

    private arn(service: string, resource: string, global = false): string {
        return `arn:${this.partition}:${service}:${global ? "" : this.region}:${ACCOUNT_ID}:${resource}`;
    }

    /** An autonamed physical name, as Pulumi's autonaming makes it: `<name>-<7 hex>`. */
    private autoname(name: string): string {
        return `${name}-${this.hex(`autoname/${name}`, 7)}`;
    }

    /**
     * An autoname for a type whose names AWS limits (load balancers and target groups: 32). Pulumi refuses, before
     * anything is created, a resource name that leaves no room for the suffix (pulumi/pulumi sdk/go/common/resource
     * NewUniqueHex, through the bridge's autonaming).
     */
    private limitedAutoname(type: string, name: string, maxLength: number): string {
        if (name.length + 1 + 7 > maxLength) {
            throw new Error(`could not make instance of '${type}': name '${name}-' plus 7 random chars is longer than maximum length ${maxLength}`);
        }
        return this.autoname(name);
    }

    /** A deterministic public IPv4 address from Amazon's ranges. */
    private publicAddress(seed: string): string {
        const h = crypto.createHash("sha256").update(`${this.region}/ip/${seed}${this.round ? `/replacement-${this.round}` : ""}`).digest();
        return `3.${34 + (h[0] % 4)}.${h[1]}.${1 + (h[2] % 254)}`;
    }

    private publicDnsName(address: string): string {
        const host = `ec2-${address.replace(/\./g, "-")}`;
        return this.region === "us-east-1" ? `${host}.compute-1.amazonaws.com` : `${host}.${this.region}.compute.${this.dnsSuffix}`;
    }

    /** A free private address inside the subnet (AWS reserves the first four and the last). */
    private privateAddress(subnet: SubnetRecord, seed: string): string {
        if (subnet.cidr === undefined) {
            return UNKNOWN_PRIVATE_IP;
        }
        const size = 2 ** (32 - parseIpv4Cidr(subnet.cidr)!.prefix);
        const usable = size - 5;
        let offset = 4 + (parseInt(this.hex(`ip/${seed}`, 8), 16) % usable);
        while (subnet.used.has(offset)) {
            offset = 4 + ((offset - 4 + 1) % usable);
        }
        subnet.used.add(offset);
        return ipv4At(subnet.cidr, offset);
    }

    private requireZone(az: unknown, what: string): string {
        if (typeof az !== "string" || !this.zones.includes(az)) {
            throw new AwsError("InvalidParameterValue", `${what}: invalid availability zone ${JSON.stringify(az)} for ${this.region}`);
        }
        return az;
    }

    /** An AMI the model knows; or one the facts describe or the open world assumes (of `instanceType`'s architecture). */
    private image(id: string, instanceType = this.openWorld?.instanceType): ModelImage | undefined {
        // The images a closed world (a test, the simulated account) knows. Offline, the world is open: an id that no
        // alias resolves to and no facts or state describe is not known, however real it looks (ami-0123456789abcdef0
        // is AWS's documentation placeholder), and is listed as not verified instead of given invented facts.
        const pinned = this.openWorld ? undefined : PINNED_IMAGES.find(i => i.id === id);
        if (pinned) {
            return pinned;
        }
        for (const [path, image] of Object.entries(PUBLISHED)) {
            for (let release = this.imageReleases[path] ?? 0; release >= 0; release--) {
                if (this.publishedId(path, release) === id) {
                    return { id, ...image };
                }
            }
        }
        return this.openImage(id, instanceType);
    }

    private openImage(id: string, instanceType: string | undefined): ModelImage | undefined {
        const seen = this.openImages.get(id);
        if (seen) {
            return seen;
        }
        const f = this.facts.images[id];
        // A malformed id finds nothing, in DescribeImages as here.
        if ((!f && !this.openWorld) || !ID_PATTERNS.image.test(id)) {
            return undefined;
        }
        const matched = instanceType ? instanceTypeArchitecture(instanceType) : undefined;
        const architecture = f?.architecture ?? matched ?? "x86_64";
        const windows = f?.platform === "windows";
        const told: string[] = [];
        const assumed: string[] = [];
        const unknown: string[] = [];
        if (f?.architecture) {
            told.push(architecture);
        } else {
            assumed.push(`${architecture} (${matched ? `to match instance type ${instanceType}` : "the instance type's architecture is not known"})`);
        }
        (f?.platform ? told : assumed).push(`platform ${f?.platform ?? "linux"}`);
        if (f?.rootSizeGiB !== undefined) {
            told.push(`${f.rootSizeGiB} GiB root snapshot`);
        } else {
            unknown.push("root snapshot size (the root volume's minimum size is not checked)");
        }
        if (f?.name) {
            told.push(`name ${f.name}`);
        } else {
            unknown.push(windows ? "name" : `name and so the login user (outputs show ${UNKNOWN_LOGIN_USER})`);
        }
        this.notVerified.record(id, describeAssumption({ told, source: f?.source, assumed, unknown }));
        const image = {
            id, name: f?.name ?? "", description: f?.description ?? "", architecture, platform: windows ? "windows" : "",
            rootDeviceName: windows ? "/dev/sda1" : "/dev/xvda", rootSizeGiB: f?.rootSizeGiB ?? 0, ownerId: "",
            architectureAssumed: !f?.architecture,
        };
        this.openImages.set(id, image);
        return image;
    }

    /** The AMI id AWS currently publishes under a public parameter in this region. */
    publishedId(path: string, release = this.imageReleases[path] ?? 0): string {
        // Not salted by a replacement round: the image AWS publishes does not depend on what is being created.
        return `ami-0${crypto.createHash("sha256").update(`${this.region}/ami/${path}${release > 0 ? `/release-${release}` : ""}`).digest("hex").slice(0, 16)}`;
    }

    private checkRule(type: string, p: Props): void {
        const sources = ["cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"].filter(k => p[k] !== undefined);
        if (sources.length !== 1) {
            throw new AwsError("InvalidParameterCombination", `${type} takes exactly one of cidr_ipv4, cidr_ipv6, referenced_security_group_id, prefix_list_id (got ${sources.join(", ") || "none"})`);
        }
        if (!this.securityGroup(String(p.securityGroupId), undefined)) {
            throw new AwsError("InvalidGroup.NotFound", `The security group '${p.securityGroupId}' does not exist`);
        }
        // The model does not check a rule's source group or prefix list; it says so.
        if (p.referencedSecurityGroupId !== undefined && !this.securityGroups.has(String(p.referencedSecurityGroupId))) {
            this.notLookedUp(String(p.referencedSecurityGroupId), "to exist (a rule's source or destination group; not looked up)");
        }
        if (p.prefixListId !== undefined) {
            this.notLookedUp(String(p.prefixListId), "to exist (a rule's managed prefix list; not looked up, its entries unknown)");
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

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Props } {
        const p = unwrapSecrets(args.inputs) as Props;
        const n = args.name;
        const state = (extra: Props) => ({ ...args.inputs, ...extra, region: this.region });
        switch (args.type) {
            case "pulumi:pulumi:Stack":
            case "ec2-server:network:Network":
            case "ec2-server:security:SecurityGroup":
            case "ec2-server:keys:KeyPair":
            case "ec2-server:compute:Instance":
            case "ec2-server:network:LoadBalancer":
            case "ec2-server:compute:AutoScaling":
                return { id: undefined, state: {} };

            case "aws:ec2/vpc:Vpc": {
                const cidr = parseIpv4Cidr(String(p.cidrBlock));
                if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) {
                    throw new AwsError("InvalidVpc.Range", `The CIDR '${p.cidrBlock}' is invalid (a VPC takes /16 to /28)`);
                }
                const id = this.awsId("vpc", n);
                this.vpcs.set(id, { cidr: String(p.cidrBlock) });
                this.createdVpcs.add(id);
                return {
                    id, state: state({
                        arn: this.arn("ec2", `vpc/${id}`), ownerId: ACCOUNT_ID, instanceTenancy: "default",
                        defaultSecurityGroupId: this.awsId("sg", `${n}/default`), mainRouteTableId: this.awsId("rtb", `${n}/main`),
                        defaultNetworkAclId: this.awsId("acl", `${n}/default`), dhcpOptionsId: this.awsId("dopt", "default"),
                    }),
                };
            }
            case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
                const vpcId = String(p.vpcId);
                if (!this.vpc(vpcId)) {
                    throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
                }
                const id = this.awsId("sg", `${n}/default`);
                return { id, state: state({ name: "default", description: "default VPC security group", arn: this.arn("ec2", `security-group/${id}`), ownerId: ACCOUNT_ID, ingress: p.ingress ?? [], egress: p.egress ?? [] }) };
            }
            case "aws:ec2/internetGateway:InternetGateway": {
                const id = this.awsId("igw", n);
                return { id, state: state({ arn: this.arn("ec2", `internet-gateway/${id}`), ownerId: ACCOUNT_ID }) };
            }
            case "aws:ec2/routeTable:RouteTable": {
                const id = this.awsId("rtb", n);
                return { id, state: state({ arn: this.arn("ec2", `route-table/${id}`), ownerId: ACCOUNT_ID, routes: p.routes ?? [], propagatingVgws: [] }) };
            }
            case "aws:ec2/route:Route":
                return { id: `r-${p.routeTableId}${this.hex(`route/${n}`, 10).replace(/[a-f]/g, "")}`, state: state({ origin: "CreateRoute", state: "active" }) };
            case "aws:ec2/subnet:Subnet": {
                const vpc = this.vpc(String(p.vpcId));
                if (!vpc) {
                    throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${p.vpcId}' does not exist`);
                }
                const cidr = parseIpv4Cidr(String(p.cidrBlock));
                // A VPC the model only assumes has no known CIDR: the range cannot be checked offline.
                if (!cidr || (vpc.cidr !== undefined && !ipv4Contains(parseIpv4Cidr(vpc.cidr)!, cidr)) || cidr.prefix > 28) {
                    throw new AwsError("InvalidSubnet.Range", `The CIDR '${p.cidrBlock}' is invalid for VPC ${p.vpcId} (${vpc.cidr ?? "CIDR unknown"})`);
                }
                for (const s of this.subnets.values()) {
                    if (s.vpcId === p.vpcId && s.cidr !== undefined && (ipv4Contains(parseIpv4Cidr(s.cidr)!, cidr) || ipv4Contains(cidr, parseIpv4Cidr(s.cidr)!))) {
                        throw new AwsError("InvalidSubnet.Conflict", `The CIDR '${p.cidrBlock}' conflicts with another subnet (${s.cidr})`);
                    }
                }
                const az = this.requireZone(p.availabilityZone, "subnet");
                const id = this.awsId("subnet", n);
                this.subnets.set(id, { id, vpcId: String(p.vpcId), cidr: String(p.cidrBlock), az, mapPublicIpOnLaunch: p.mapPublicIpOnLaunch === true, used: new Set() });
                return {
                    id, state: state({
                        arn: this.arn("ec2", `subnet/${id}`), ownerId: ACCOUNT_ID, availabilityZoneId: `${this.region.slice(0, 3)}${az.slice(-1)}-az${this.zones.indexOf(az) + 1}`,
                        mapPublicIpOnLaunch: p.mapPublicIpOnLaunch ?? false,
                    }),
                };
            }
            case "aws:ec2/routeTableAssociation:RouteTableAssociation":
                return { id: this.awsId("rtbassoc", n), state: state({}) };
            case "aws:ec2/securityGroup:SecurityGroup": {
                const vpcId = String(p.vpcId);
                if (!this.vpc(vpcId)) {
                    throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
                }
                const id = this.awsId("sg", n);
                this.securityGroups.set(id, { vpcId });
                // A group created through the API has no rules at all: AWS's default allow-all egress is removed
                // by the provider, so `egress` is empty unless the program adds rules.
                return { id, state: state({ name: p.name ?? this.autoname(n), arn: this.arn("ec2", `security-group/${id}`), ownerId: ACCOUNT_ID, ingress: p.ingress ?? [], egress: p.egress ?? [] }) };
            }
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
                this.checkRule(args.type, p);
                const id = this.awsId("sgr", n);
                return { id, state: state({ arn: this.arn("ec2", `security-group-rule/${id}`), securityGroupRuleId: id }) };
            }
            case "aws:ec2/vpcEndpoint:VpcEndpoint": {
                const expected = new RegExp(`^com\\.amazonaws\\.${this.region}\\.[a-z0-9.-]+$`);
                if (!expected.test(String(p.serviceName))) {
                    throw new AwsError("InvalidServiceName", `The Vpc Endpoint Service '${p.serviceName}' does not exist in ${this.region}`);
                }
                const id = this.awsId("vpce", n);
                return {
                    id, state: state({
                        arn: this.arn("ec2", `vpc-endpoint/${id}`), ownerId: ACCOUNT_ID, state: "available",
                        networkInterfaceIds: (p.subnetIds as string[] ?? []).map((s, i) => this.awsId("eni", `${n}/${i}`)),
                        dnsEntries: [{ dnsName: `${id}-${this.hex(n, 8)}.${String(p.serviceName).split(".").pop()}.${this.region}.vpce.${this.dnsSuffix}`, hostedZoneId: "Z27UANNT0PRK1T" }],
                    }),
                };
            }
            case "tls:index/privateKey:PrivateKey": {
                const algorithm = String(p.algorithm);
                if (algorithm !== "ED25519" && algorithm !== "RSA") {
                    throw new Error(`the model generates ED25519 and RSA keys, not ${algorithm}`);
                }
                const key = algorithm === "RSA" ? rsaKey(n, Number(p.rsaBits ?? 2048)) : ed25519Key(n);
                const { publicBlob: _blob, algorithm: _alg, ...fields } = key;
                return { id: crypto.createHash("sha1").update(key.publicBlob).digest("hex"), state: { ...args.inputs, ...fields } };
            }
            case "aws:ec2/keyPair:KeyPair": {
                const publicKey = String(p.publicKey ?? "");
                const parsed = parseOpenSshPublicKey(publicKey);
                // ImportKeyPair takes RSA and ED25519 keys only; an ECDSA, DSA or security key fails as malformed.
                const keyType = parsed && ({ "ssh-rsa": "rsa", "ssh-ed25519": "ed25519" } as Record<string, string>)[parsed.type];
                if (!keyType) {
                    throw new AwsError("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
                }
                const keyName = String(p.keyName ?? this.autoname(n));
                this.keyPairs.add(keyName);
                return { id: keyName, state: state({ keyName, keyPairId: this.awsId("key", n), keyType, arn: this.arn("ec2", `key-pair/${keyName}`), fingerprint: ec2ImportedKeyFingerprint(publicKey) }) };
            }
            case "aws:iam/role:Role": {
                const policy = JSON.parse(String(p.assumeRolePolicy));
                if (policy.Version !== "2012-10-17" || !Array.isArray(policy.Statement)) {
                    throw new AwsError("MalformedPolicyDocument", "assume role policy is not a valid policy document");
                }
                const name = String(p.name ?? this.autoname(n));
                return { id: name, state: state({ name, arn: this.arn("iam", `role/${name}`, true), uniqueId: `AROA${this.hex(n, 17).toUpperCase()}`, createDate: "2026-01-01T00:00:00Z" }) };
            }
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
                const arn = String(p.policyArn);
                if (!arn.startsWith(`arn:${this.partition}:iam::`)) {
                    throw new AwsError("InvalidInput", `ARN ${arn} is not in partition ${this.partition}`);
                }
                return { id: `${p.role}-${this.hex(n, 20)}`, state: state({}) };
            }
            case "aws:iam/instanceProfile:InstanceProfile": {
                const name = String(p.name ?? this.autoname(n));
                return { id: name, state: state({ name, arn: this.arn("iam", `instance-profile/${name}`, true), uniqueId: `AIPA${this.hex(n, 17).toUpperCase()}` }) };
            }
            case "aws:ec2/instance:Instance": {
                const subnet = this.subnet(String(p.subnetId));
                if (!subnet) {
                    throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${p.subnetId}' does not exist`);
                }
                const image = this.image(String(p.ami), String(p.instanceType));
                if (!image) {
                    throw ID_PATTERNS.image.test(String(p.ami))
                        ? new AwsError("InvalidAMIID.NotFound", `The image id '[${p.ami}]' does not exist`)
                        : new AwsError("InvalidAMIID.Malformed", `Invalid id: "${p.ami}" (expecting "ami-...")`);
                }
                const typeArch = /^(a1|t4g|[a-z]+\dg[a-z]*|im4gn|is4gen|x2gd|x8g)\./.test(String(p.instanceType)) ? "arm64" : "x86_64";
                // An architecture the open world assumed is, by assumption, the instance type's.
                if (typeArch !== image.architecture && !this.openImages.get(image.id)?.architectureAssumed) {
                    throw new AwsError("InvalidParameterValue", `The architecture '${typeArch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI`);
                }
                if (p.keyName !== undefined && !this.keyPairs.has(String(p.keyName))) {
                    throw new AwsError("InvalidKeyPair.NotFound", `The key pair '${p.keyName}' does not exist`);
                }
                for (const sg of (p.vpcSecurityGroupIds as string[] | undefined) ?? []) {
                    const group = this.securityGroup(sg, subnet.vpcId);
                    if (!group || group.vpcId !== subnet.vpcId) {
                        throw new AwsError("InvalidGroup.NotFound", `The security group '${sg}' does not exist in VPC '${subnet.vpcId}'`);
                    }
                }
                const root = (p.rootBlockDevice ?? {}) as Props;
                if (root.kmsKeyId !== undefined) {
                    this.notLookedUp(`KMS key ${root.kmsKeyId}`, "to exist and to be usable for EBS encryption (not looked up)");
                }
                if (root.volumeSize !== undefined && Number(root.volumeSize) < image.rootSizeGiB) {
                    throw new AwsError("InvalidBlockDeviceMapping", `Volume of size ${root.volumeSize}GB is smaller than snapshot, expect size >= ${image.rootSizeGiB}GB`);
                }
                const id = this.awsId("i", n);
                this.instances.set(id, { az: subnet.az, subnetId: subnet.id });
                const privateIp = this.privateAddress(subnet, n);
                const hasPublic = p.associatePublicIpAddress === undefined ? subnet.mapPublicIpOnLaunch : p.associatePublicIpAddress === true;
                if (hasPublic === undefined) {
                    this.notVerified.record(subnet.id, describeAssumption({ unknown: [`whether it maps a public IPv4 address on launch (public IPs show ${UNKNOWN_PUBLIC_IP})`] }));
                }
                const publicIp = hasPublic === undefined ? UNKNOWN_PUBLIC_IP : hasPublic ? this.publicAddress(n) : "";
                return {
                    id, state: state({
                        arn: this.arn("ec2", `instance/${id}`), availabilityZone: subnet.az, instanceState: "running",
                        privateIp, privateDns: privateIp === UNKNOWN_PRIVATE_IP ? UNKNOWN_PRIVATE_DNS : `ip-${privateIp.replace(/\./g, "-")}.${this.region === "us-east-1" ? "ec2" : `${this.region}.compute`}.internal`,
                        publicIp, publicDns: publicIp === UNKNOWN_PUBLIC_IP ? UNKNOWN_PUBLIC_DNS : publicIp ? this.publicDnsName(publicIp) : "",
                        primaryNetworkInterfaceId: this.awsId("eni", n), outpostArn: "", passwordData: "",
                        rootBlockDevice: { ...root, deviceName: image.rootDeviceName, volumeId: this.awsId("vol", `${n}/root`) },
                    }),
                };
            }
            case "aws:lb/loadBalancer:LoadBalancer": {
                const type = String(p.loadBalancerType ?? "application");
                if (type !== "application") {
                    throw new Error(`The AWS model has only application load balancers, not ${type} (${n}); add it to offline/aws-model.ts`);
                }
                const subnetIds = ((p.subnets as string[] | undefined) ?? (p.subnetMappings as Props[] | undefined)?.map(m => String(m.subnetId)) ?? []).map(String);
                const subnets = subnetIds.map(id => {
                    const subnet = this.subnet(id);
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
                    const group = this.securityGroup(sg, vpcId);
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
                const name = String(p.name ?? this.limitedAutoname(args.type, n, 32));
                const lbId = this.hex(`lb/${n}`, 16);
                const arn = this.arn("elasticloadbalancing", `loadbalancer/app/${name}/${lbId}`);
                // <name>-<number>.<region>.elb.amazonaws.com (.com.cn in China); internal ones start with "internal-".
                const number = 1_000_000_000 + (parseInt(this.hex(`lb-dns/${n}`, 8), 16) % 9_000_000_000);
                const dnsName = `${internal ? "internal-" : ""}${name}-${number}.${this.region}.elb.${this.dnsSuffix}`;
                this.loadBalancers.set(arn, { vpcId, listenerPorts: new Set() });
                return {
                    id: arn, state: state({
                        arn, arnSuffix: `app/${name}/${lbId}`, name, dnsName, zoneId: this.albHostedZoneId(), vpcId,
                        loadBalancerType: type, internal, ipAddressType, subnets: subnetIds,
                        subnetMappings: subnets.map(s => ({ subnetId: s.id, allocationId: "", privateIpv4Address: "", ipv6Address: "", outpostId: "" })),
                        securityGroups: p.securityGroups ?? [], enableDeletionProtection: p.enableDeletionProtection ?? false,
                        dropInvalidHeaderFields: p.dropInvalidHeaderFields ?? false, idleTimeout: p.idleTimeout ?? 60, enableHttp2: p.enableHttp2 ?? true,
                        desyncMitigationMode: p.desyncMitigationMode ?? "defensive", xffHeaderProcessingMode: p.xffHeaderProcessingMode ?? "append",
                    }),
                };
            }
            case "aws:lb/targetGroup:TargetGroup": {
                const targetType = String(p.targetType ?? "instance");
                if (targetType !== "lambda") {
                    // customizeDiffTargetGroupTargetTypeNotLambda (target_group.go), at preview.
                    for (const key of ["port", "protocol", "vpcId"]) {
                        if (p[key] === undefined) {
                            throw new Error(`${key === "vpcId" ? "vpc_id" : key} should be set when target type is ${targetType}`);
                        }
                    }
                    // The schema's ValidateFunc: validation.IntBetween(1, 65535) (target_group.go), at preview.
                    if (!Number.isInteger(p.port) || Number(p.port) < 1 || Number(p.port) > 65535) {
                        throw new Error(`expected port to be in the range (1 - 65535), got ${p.port}`);
                    }
                }
                const vpcId = String(p.vpcId);
                if (p.vpcId !== undefined && !this.vpc(vpcId)) {
                    throw new AwsError("ValidationError", `The VPC ID '${vpcId}' is not found`);
                }
                const name = String(p.name ?? this.limitedAutoname(args.type, n, 32));
                const tgId = this.hex(`tg/${n}`, 16);
                const arn = this.arn("elasticloadbalancing", `targetgroup/${name}/${tgId}`);
                this.targetGroups.set(arn, { vpcId, loadBalancers: new Set() });
                return {
                    id: arn, state: state({
                        arn, arnSuffix: `targetgroup/${name}/${tgId}`, name, targetType, loadBalancerArns: [],
                        deregistrationDelay: p.deregistrationDelay ?? 300, protocolVersion: p.protocolVersion ?? "HTTP1",
                        ipAddressType: p.ipAddressType ?? "ipv4", loadBalancingAlgorithmType: p.loadBalancingAlgorithmType ?? "round_robin",
                    }),
                };
            }
            case "aws:lb/listener:Listener": {
                const lbArn = String(p.loadBalancerArn);
                const lb = this.loadBalancers.get(lbArn);
                if (!lb) {
                    throw new AwsError("LoadBalancerNotFound", `The specified load balancer does not exist: '${lbArn}'`);
                }
                const port = Number(p.port);
                if (!Number.isInteger(port) || port < 1 || port > 65535) {
                    throw new Error(`expected port to be in the range (1 - 65535), got ${p.port}`);
                }
                const protocol = String(p.protocol ?? "HTTP").toUpperCase();
                if (protocol === "HTTPS" && p.certificateArn === undefined) {
                    throw new AwsError("ValidationError", "A certificate must be specified for HTTPS listeners");
                }
                if (protocol === "HTTP" && p.certificateArn !== undefined) {
                    throw new AwsError("ValidationError", "A certificate cannot be specified for HTTP listeners");
                }
                if (p.certificateArn !== undefined) {
                    const cert = String(p.certificateArn);
                    if (!cert.startsWith(`arn:${this.partition}:acm:${this.region}:`)) {
                        throw new AwsError("CertificateNotFound", `Certificate '${cert}' not found (a listener takes an ACM certificate of ${this.region})`);
                    }
                    this.notLookedUp(`certificate ${cert}`, "to exist in ACM, be issued and cover the names clients use (not looked up)");
                }
                if (lb.listenerPorts.has(port)) {
                    throw new AwsError("DuplicateListener", "A listener already exists on this port for this load balancer");
                }
                const forwarded: { vpcId: string; loadBalancers: Set<string> }[] = [];
                for (const action of (p.defaultActions as Props[] | undefined) ?? []) {
                    if (action.type === "forward" && action.targetGroupArn !== undefined) {
                        const group = this.targetGroups.get(String(action.targetGroupArn));
                        if (!group) {
                            throw new AwsError("TargetGroupNotFound", `The specified target group does not exist: '${action.targetGroupArn}'`);
                        }
                        if (group.vpcId !== lb.vpcId) {
                            throw new AwsError("ValidationError", `The target group '${action.targetGroupArn}' is in VPC '${group.vpcId}', not in the load balancer's VPC '${lb.vpcId}'`);
                        }
                        forwarded.push(group);
                    }
                }
                lb.listenerPorts.add(port);
                // A listener that forwards to a target group associates the group with the load balancer.
                forwarded.forEach(g => g.loadBalancers.add(lbArn));
                const arn = `${lbArn.replace(":loadbalancer/", ":listener/")}/${this.hex(`listener/${n}`, 16)}`;
                return { id: arn, state: state({ arn, protocol, sslPolicy: p.sslPolicy ?? (protocol === "HTTPS" ? "ELBSecurityPolicy-2016-08" : "") }) };
            }
            case "aws:lb/targetGroupAttachment:TargetGroupAttachment": {
                const group = this.targetGroups.get(String(p.targetGroupArn));
                if (!group) {
                    throw new AwsError("TargetGroupNotFound", `The specified target group does not exist: '${p.targetGroupArn}'`);
                }
                const instance = this.instances.get(String(p.targetId));
                const instanceVpc = instance && this.subnets.get(instance.subnetId)?.vpcId;
                if (!instance || instanceVpc !== group.vpcId) {
                    throw new AwsError("InvalidTarget", `The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type: '${p.targetId}'`);
                }
                // id.PrefixedUniqueId("<target group ARN>-") (target_group_attachment.go): a timestamp and a counter.
                return { id: `${p.targetGroupArn}-20260101000000${this.hex(`tga/${n}`, 8)}`, state: state({}) };
            }
            case "aws:ec2/natGateway:NatGateway": {
                const connectivityType = String(p.connectivityType ?? "public");
                const subnet = this.subnet(String(p.subnetId));
                if (!subnet) {
                    throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${p.subnetId}' does not exist`);
                }
                let publicIp = "";
                if (connectivityType === "public") {
                    const allocationId = String(p.allocationId);
                    if (p.allocationId === undefined) {
                        throw new AwsError("MissingParameter", "A public NAT gateway needs an Elastic IP allocation (AllocationId)");
                    }
                    if (!this.allocations.has(allocationId)) {
                        throw new AwsError("InvalidAllocationID.NotFound", `The allocation ID '${allocationId}' does not exist`);
                    }
                    if (this.natAllocations.has(allocationId)) {
                        throw new AwsError("Resource.AlreadyAssociated", `Elastic IP address [${allocationId}] is already associated`);
                    }
                    this.natAllocations.add(allocationId);
                    publicIp = this.eipAddresses.get(allocationId) ?? UNKNOWN_PUBLIC_IP;
                }
                const id = this.awsId("nat", n);
                return {
                    id, state: state({
                        connectivityType, availabilityMode: p.availabilityMode ?? "zonal", vpcId: subnet.vpcId,
                        allocationId: p.allocationId ?? "", associationId: connectivityType === "public" ? this.awsId("eipassoc", `nat/${n}`) : "",
                        networkInterfaceId: this.awsId("eni", `nat/${n}`), privateIp: this.privateAddress(subnet, `nat/${n}`), publicIp,
                        secondaryAllocationIds: [], secondaryPrivateIpAddressCount: 0, secondaryPrivateIpAddresses: [],
                    }),
                };
            }
            case "aws:ec2/eip:Eip": {
                if (p.domain !== "vpc") {
                    throw new AwsError("InvalidParameterValue", "EC2-Classic is retired; an Elastic IP needs domain \"vpc\"");
                }
                const allocationId = this.awsId("eipalloc", n);
                this.allocations.add(allocationId);
                const publicIp = this.publicAddress(`eip/${n}`);
                this.eipAddresses.set(allocationId, publicIp);
                return { id: allocationId, state: state({ allocationId, publicIp, publicDns: this.publicDnsName(publicIp), arn: this.arn("ec2", `elastic-ip/${allocationId}`), ptrRecord: "" }) };
            }
            case "aws:ec2/eipAssociation:EipAssociation": {
                if (!this.allocations.has(String(p.allocationId))) {
                    throw new AwsError("InvalidAllocationID.NotFound", `The allocation ID '${p.allocationId}' does not exist`);
                }
                if (!this.instances.has(String(p.instanceId))) {
                    throw new AwsError("InvalidInstanceID.NotFound", `The instance ID '${p.instanceId}' does not exist`);
                }
                return { id: this.awsId("eipassoc", n), state: state({}) };
            }
            case "aws:ec2/launchTemplate:LaunchTemplate": {
                // CreateLaunchTemplate checks the encoding of user data; everything else in the template data is
                // checked when a group (or RunInstances) uses it.
                if (p.userData !== undefined) {
                    const text = String(p.userData);
                    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
                        throw new AwsError("InvalidUserData.Malformed", "Invalid BASE64 encoding of user data.");
                    }
                    if (Buffer.from(text, "base64").length > 16384) {
                        throw new AwsError("InvalidParameterValue", "User data is limited to 16384 bytes");
                    }
                }
                for (const m of (p.blockDeviceMappings as Props[] | undefined) ?? []) {
                    const kms = (m.ebs as Props | undefined)?.kmsKeyId;
                    if (kms !== undefined) {
                        this.notLookedUp(`KMS key ${kms}`, "to exist and to be usable for EBS encryption (not looked up)");
                    }
                }
                const id = this.awsId("lt", n);
                const name = String(p.name ?? (p.namePrefix !== undefined ? `${p.namePrefix}${this.hex(`prefix/${n}`, 26)}` : this.autoname(n)));
                this.launchTemplates.set(id, { name, latestVersion: 1, data: p });
                return { id, state: state({ arn: this.arn("ec2", `launch-template/${id}`), name, latestVersion: 1, defaultVersion: 1 }) };
            }
            case "aws:autoscaling/group:Group": {
                if ([p.launchConfiguration, p.launchTemplate, p.mixedInstancesPolicy].filter(v => v !== undefined).length !== 1) {
                    throw new Error("aws:autoscaling/group:Group: exactly one of launchConfiguration, launchTemplate and mixedInstancesPolicy must be set (terraform-provider-aws group.go ExactlyOneOf)");
                }
                const min = Number(p.minSize);
                const max = Number(p.maxSize);
                if (max < min) {
                    throw new AwsError("ValidationError", `Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
                }
                // The provider sends DesiredCapacity only when it is above 0 (group.go resourceGroupCreate); AWS then uses MinSize.
                const desired = typeof p.desiredCapacity === "number" && p.desiredCapacity > 0 ? p.desiredCapacity : min;
                if (desired < min || desired > max) {
                    throw new AwsError("ValidationError", `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
                }
                const subnetIds = (p.vpcZoneIdentifiers as string[] | undefined) ?? [];
                if (subnetIds.length === 0 && ((p.availabilityZones as string[] | undefined) ?? []).length === 0) {
                    throw new AwsError("ValidationError", "At least one Availability Zone or VPC Subnet is required.");
                }
                // One zone is allowed by AWS (the autoscaling-group-multi-az policy reports it); an unknown subnet is not.
                const subnets = subnetIds.map(sid => {
                    const subnet = this.subnet(sid);
                    if (!subnet) {
                        throw new AwsError("ValidationError", `The subnet ID '${sid}' does not exist`);
                    }
                    return subnet;
                });
                const mixed = p.mixedInstancesPolicy as Props | undefined;
                const spec = mixed
                    ? ((mixed.launchTemplate as Props | undefined)?.launchTemplateSpecification ?? {}) as Props
                    : p.launchTemplate ? { launchTemplateId: (p.launchTemplate as Props).id, launchTemplateName: (p.launchTemplate as Props).name, version: (p.launchTemplate as Props).version } : undefined;
                let templateName: string | undefined;
                if (spec) {
                    const byName = [...this.launchTemplates.entries()].find(([, t]) => t.name === spec.launchTemplateName);
                    const templateId = spec.launchTemplateId !== undefined ? String(spec.launchTemplateId) : byName?.[0];
                    const template = templateId !== undefined ? this.launchTemplates.get(templateId) : undefined;
                    const invalid = (why: string) => new AwsError("ValidationError", `You must use a valid fully-formed launch template. ${why}`);
                    if (!template) {
                        throw invalid(spec.launchTemplateId !== undefined
                            ? `The specified launch template, with template ID ${spec.launchTemplateId}, does not exist.`
                            : `The specified launch template, with template name ${spec.launchTemplateName}, does not exist.`);
                    }
                    templateName = template.name;
                    const version = spec.version === undefined ? "$Default" : String(spec.version);
                    if (!["$Latest", "$Default"].includes(version) && !(/^\d+$/.test(version) && Number(version) >= 1 && Number(version) <= template.latestVersion)) {
                        throw invalid(`The specified launch template, with template ID ${templateId}, has no version ${version}.`);
                    }
                    const data = template.data;
                    const overrides = ((mixed?.launchTemplate as Props | undefined)?.overrides as Props[] | undefined) ?? [];
                    const types = overrides.length > 0 ? overrides.map(o => String(o.instanceType)) : [String(data.instanceType)];
                    const imageId = String(data.imageId);
                    const image = this.image(imageId, types[0]);
                    if (!image) {
                        throw invalid(ID_PATTERNS.image.test(imageId) ? `The image id '[${imageId}]' does not exist` : `Invalid id: "${imageId}" (expecting "ami-...")`);
                    }
                    for (const t of types) {
                        const typeArch = instanceTypeArchitecture(t);
                        if (typeArch && typeArch !== image.architecture && !this.openImages.get(image.id)?.architectureAssumed) {
                            throw invalid(`The architecture '${typeArch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI`);
                        }
                    }
                    if (data.keyName !== undefined && !this.keyPairs.has(String(data.keyName))) {
                        throw invalid(`The key pair '${data.keyName}' does not exist`);
                    }
                    const interfaces = (data.networkInterfaces as Props[] | undefined) ?? [];
                    const interfaceGroups = interfaces.flatMap(ni => (ni.securityGroups as string[] | undefined) ?? []);
                    const instanceGroups = (data.vpcSecurityGroupIds as string[] | undefined) ?? [];
                    if (interfaces.length > 0 && instanceGroups.length > 0) {
                        throw invalid("Network interfaces and an instance-level security groups may not be specified on the same request");
                    }
                    for (const subnet of subnets) {
                        for (const sg of [...instanceGroups, ...interfaceGroups]) {
                            const group = this.securityGroup(sg, subnet.vpcId);
                            if (!group || group.vpcId !== subnet.vpcId) {
                                throw invalid(`The security group '${sg}' does not exist in VPC '${subnet.vpcId}'`);
                            }
                        }
                    }
                    for (const m of (data.blockDeviceMappings as Props[] | undefined) ?? []) {
                        const size = (m.ebs as Props | undefined)?.volumeSize;
                        if (m.deviceName === image.rootDeviceName && typeof size === "number" && size < image.rootSizeGiB) {
                            throw invalid(`Volume of size ${size}GB is smaller than snapshot, expect size >= ${image.rootSizeGiB}GB`);
                        }
                    }
                }
                const distribution = (mixed?.instancesDistribution ?? {}) as Props;
                const strategies = ["lowest-price", "capacity-optimized", "capacity-optimized-prioritized", "price-capacity-optimized"];
                if (distribution.spotAllocationStrategy !== undefined && !strategies.includes(String(distribution.spotAllocationStrategy))) {
                    throw new AwsError("ValidationError", `Valid values for SpotAllocationStrategy are: ${strategies.join(", ")}`);
                }
                const name = String(p.name ?? this.autoname(n));
                this.groups.add(name);
                this.attachTargets(name, ((p.targetGroupArns as string[] | undefined) ?? []).map(String));
                const uuid = this.uuid(`asg/${n}`);
                const withName = (lt: unknown) => ({ ...(lt as Props), launchTemplateName: templateName });
                return {
                    id: name, state: state({
                        name, arn: `arn:${this.partition}:autoscaling:${this.region}:${ACCOUNT_ID}:autoScalingGroup:${uuid}:autoScalingGroupName/${name}`,
                        desiredCapacity: desired, healthCheckType: p.healthCheckType ?? "EC2", healthCheckGracePeriod: p.healthCheckGracePeriod ?? 300,
                        defaultCooldown: 300, availabilityZones: [...new Set(subnets.map(s => s.az))].sort(), loadBalancers: [],
                        targetGroupArns: p.targetGroupArns ?? [], predictedCapacity: 0, warmPoolSize: 0,
                        serviceLinkedRoleArn: this.arn("iam", "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", true),
                        ...(p.launchTemplate ? { launchTemplate: { ...(p.launchTemplate as Props), name: templateName } } : {}),
                        ...(mixed ? {
                            mixedInstancesPolicy: {
                                ...mixed,
                                launchTemplate: { ...(mixed.launchTemplate as Props), launchTemplateSpecification: withName((mixed.launchTemplate as Props).launchTemplateSpecification) },
                            },
                        } : {}),
                    }),
                };
            }
            case "aws:autoscaling/policy:Policy": {
                const groupName = String(p.autoscalingGroupName);
                if (!this.groups.has(groupName)) {
                    throw new AwsError("ValidationError", `AutoScalingGroup name not found - AutoScalingGroup ${groupName} not found`);
                }
                const tracking = p.targetTrackingConfiguration as Props | undefined;
                if (p.policyType === "TargetTrackingScaling") {
                    const predefined = (tracking?.predefinedMetricSpecification ?? {}) as Props;
                    const metrics = ["ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut", "ALBRequestCountPerTarget"];
                    if (!tracking || (tracking.customizedMetricSpecification === undefined && !metrics.includes(String(predefined.predefinedMetricType)))) {
                        throw new AwsError("ValidationError", `a target tracking policy needs a predefined metric (${metrics.join(", ")}) or a customized one`);
                    }
                    // The label names the load balancer and the target group: app/<name>/<id>/targetgroup/<name>/<id>.
                    if (predefined.predefinedMetricType === "ALBRequestCountPerTarget" && !/^app\/[^/]+\/[0-9a-f]+\/targetgroup\/[^/]+\/[0-9a-f]+$/.test(String(predefined.resourceLabel ?? ""))) {
                        throw new AwsError("ValidationError", `ALBRequestCountPerTarget needs a resource label app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>, got ${JSON.stringify(predefined.resourceLabel)}`);
                    }
                    // The label's target group must already be attached to the group (PutScalingPolicy's refusal as
                    // reported in terraform-aws-modules/terraform-aws-autoscaling#279).
                    if (predefined.predefinedMetricType === "ALBRequestCountPerTarget") {
                        const suffix = String(predefined.resourceLabel).replace(/^app\/[^/]+\/[0-9a-f]+\//, "");
                        const attached = [...(this.groupTargets.get(groupName) ?? [])].find(arn => arn.endsWith(`:${suffix}`));
                        if (!attached) {
                            throw new AwsError("ValidationError", "Target group not attached to the Auto Scaling group");
                        }
                        // The metric counts the requests the load balancer sends the target group: until a listener
                        // forwards to it, there is none (aws-cdk AutoScalingGroup.scaleOnRequestCount waits for
                        // loadBalancerAttached for this reason). The model refuses it; AWS's exact text is not known here.
                        const lbSuffix = String(predefined.resourceLabel).split("/targetgroup/")[0];
                        const group = this.targetGroups.get(attached);
                        if (group && ![...group.loadBalancers].some(arn => arn.endsWith(`:loadbalancer/${lbSuffix}`))) {
                            throw new AwsError("ValidationError", `the target group of the resource label ${predefined.resourceLabel} is not associated with that load balancer: no listener forwards to it yet`);
                        }
                    }
                }
                const name = String(p.name ?? this.autoname(n));
                const uuid = this.uuid(`policy/${n}`);
                return { id: name, state: state({ name, enabled: p.enabled ?? true, arn: `arn:${this.partition}:autoscaling:${this.region}:${ACCOUNT_ID}:scalingPolicy:${uuid}:autoScalingGroupName/${groupName}:policyName/${name}` }) };
            }
            case "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment": {
                const groupName = String(p.autoscalingGroupName);
                const source = (p.trafficSource ?? {}) as Props;
                const [type, identifier] = [String(source.type), String(source.identifier)];
                if (!this.groups.has(groupName)) {
                    throw new AwsError("ValidationError", `AutoScalingGroup name not found - AutoScalingGroup ${groupName} not found`);
                }
                if (!["elb", "elbv2", "vpc-lattice"].includes(type)) {
                    throw new AwsError("ValidationError", `Setting ${type} as traffic sources is currently not supported. Supported sources are [elb, elbv2, vpc-lattice]. Provide a supported traffic source in your request and try again.`);
                }
                if (type !== "elbv2") {
                    throw new Error(`The AWS model has only elbv2 traffic sources (target groups), not ${type} (${n}); add it to offline/aws-model.ts`);
                }
                if (!this.targetGroups.has(identifier)) {
                    throw new AwsError("ValidationError", `The target group '${identifier}' does not exist`);
                }
                this.attachTargets(groupName, [identifier]);
                // <group name>,<type>,<identifier>: trafficSourceAttachmentCreateResourceID
                // (terraform-provider-aws internal/service/autoscaling/traffic_source_attachment.go).
                return { id: `${groupName},${type},${identifier}`, state: state({}) };
            }
            case "aws:autoscaling/schedule:Schedule": {
                const groupName = String(p.autoscalingGroupName);
                if (!this.groups.has(groupName)) {
                    throw new AwsError("ValidationError", `AutoScalingGroup name not found - AutoScalingGroup ${groupName} not found`);
                }
                // The provider reads an unset size as 0 and sends every size that is not -1 (schedule.go
                // resourceSchedulePut); AWS stores what it was sent, and a size it was not sent reads back as -1.
                const size = (v: unknown) => (typeof v === "number" ? v : 0);
                const [minSize, maxSize, desiredCapacity] = [size(p.minSize), size(p.maxSize), size(p.desiredCapacity)];
                if (minSize === -1 && maxSize === -1 && desiredCapacity === -1) {
                    throw new AwsError("ValidationError", "a scheduled action must set at least one of MinSize, MaxSize and DesiredCapacity");
                }
                const name = String(p.scheduledActionName);
                const uuid = this.uuid(`schedule/${n}`);
                // AWS stores the time the action first runs, which the provider reads back into start_time
                // (schedule.go resourceScheduleRead; Optional+Computed): the first occurrence of the recurrence.
                const now = this.now();
                if (typeof p.startTime === "string" && p.startTime !== "" && new Date(p.startTime).getTime() < now.getTime()) {
                    throw new AwsError("ValidationError", "Given start time is in the past");
                }
                const first = typeof p.startTime === "string" && p.startTime !== "" ? new Date(p.startTime)
                    : typeof p.recurrence === "string" ? nextOccurrence(p.recurrence, now, typeof p.timeZone === "string" ? p.timeZone : "UTC") : undefined;
                return {
                    id: name, state: state({
                        ...(first ? { startTime: scheduleTime(first) } : {}),
                        minSize, maxSize, desiredCapacity, timeZone: p.timeZone ?? "", recurrence: p.recurrence ?? "",
                        arn: `arn:${this.partition}:autoscaling:${this.region}:${ACCOUNT_ID}:scheduledUpdateGroupAction:${uuid}:autoScalingGroupName/${groupName}:scheduledActionName/${name}`,
                    }),
                };
            }
            case "aws:ebs/volume:Volume": {
                const az = this.requireZone(p.availabilityZone, "volume");
                if (p.kmsKeyId !== undefined) {
                    this.notLookedUp(`KMS key ${p.kmsKeyId}`, "to exist and to be usable for EBS encryption (not looked up)");
                }
                if (p.snapshotId !== undefined) {
                    this.notLookedUp(String(p.snapshotId), `to exist in ${this.region} and to be no larger than the volume (not looked up)`);
                }
                const id = this.awsId("vol", n);
                this.volumes.set(id, { az });
                return { id, state: state({ arn: this.arn("ec2", `volume/${id}`), createTime: "2026-01-01T00:00:00Z" }) };
            }
            case "aws:ec2/volumeAttachment:VolumeAttachment": {
                const volume = this.volumes.get(String(p.volumeId));
                const instance = this.instances.get(String(p.instanceId));
                if (!volume || !instance) {
                    throw new AwsError("InvalidVolume.NotFound", `volume ${p.volumeId} or instance ${p.instanceId} does not exist`);
                }
                if (volume.az !== instance.az) {
                    throw new AwsError("InvalidVolume.ZoneMismatch", `The volume '${p.volumeId}' is not in the same availability zone as instance '${p.instanceId}'`);
                }
                return { id: `vai-${this.hex(n, 10)}`, state: state({}) };
            }
            default:
                throw new Error(`The AWS model has no resource type ${args.type} (${args.name}); add it to offline/aws-model.ts`);
        }
    }

    /** Which replacement a create is for: a replacement gets new ids and a new autoname, as in AWS and Pulumi. */
    private round = 0;

    /** Runs `fn` (a create) as the `round`-th replacement of the resource: its ids and autonames differ. */
    withReplacementRound<T>(round: number, fn: () => T): T {
        const before = this.round;
        this.round = round;
        try {
            return fn();
        } finally {
            this.round = before;
        }
    }

    /** Records target groups as attached to a group (by name). */
    private attachTargets(groupName: string, arns: string[]): void {
        const targets = this.groupTargets.get(groupName) ?? new Set<string>();
        arns.forEach(arn => targets.add(arn));
        this.groupTargets.set(groupName, targets);
    }

    /** The root snapshot size of an image the model knows. */
    imageRootSizeGiB(id: string): number | undefined {
        return this.image(id)?.rootSizeGiB;
    }

    /**
     * Makes a resource of a deployed stack exist in the model (a plan against a stack's state): its id, and the
     * facts other resources are checked against (a VPC's CIDR, a subnet's zone and CIDR, a group's VPC …).
     */
    /**
     * A resource deleted before its replacement is created (deleteBeforeReplace): what it held is free again,
     * as in AWS (a NAT gateway's Elastic IP association; a key pair's name).
     */
    release(type: string, id: string, inputs: Props, outputs: Props): void {
        const o = { ...inputs, ...outputs } as Props;
        switch (type) {
            case "aws:ec2/natGateway:NatGateway":
                this.natAllocations.delete(String(o.allocationId));
                break;
            case "aws:ec2/keyPair:KeyPair":
                this.keyPairs.delete(String(o.keyName ?? id));
                break;
        }
    }

    seed(type: string, id: string, inputs: Props, outputs: Props): void {
        const o = { ...inputs, ...outputs } as Props;
        switch (type) {
            case "aws:ec2/vpc:Vpc":
                this.vpcs.set(id, { cidr: String(o.cidrBlock) });
                break;
            case "aws:ec2/subnet:Subnet":
                this.subnets.set(id, { id, vpcId: String(o.vpcId), cidr: String(o.cidrBlock), az: String(o.availabilityZone), mapPublicIpOnLaunch: o.mapPublicIpOnLaunch === true, used: new Set() });
                break;
            case "aws:ec2/securityGroup:SecurityGroup":
            case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
                this.securityGroups.set(id, { vpcId: String(o.vpcId) });
                break;
            case "aws:ec2/keyPair:KeyPair":
                this.keyPairs.add(String(o.keyName ?? id));
                break;
            case "aws:ec2/instance:Instance":
                this.instances.set(id, { az: String(o.availabilityZone), subnetId: String(o.subnetId) });
                break;
            case "aws:ebs/volume:Volume":
                this.volumes.set(id, { az: String(o.availabilityZone) });
                break;
            case "aws:lb/loadBalancer:LoadBalancer":
                this.loadBalancers.set(id, { vpcId: String(o.vpcId), listenerPorts: new Set() });
                break;
            case "aws:lb/targetGroup:TargetGroup":
                this.targetGroups.set(id, { vpcId: String(o.vpcId), loadBalancers: this.targetGroups.get(id)?.loadBalancers ?? new Set() });
                break;
            case "aws:lb/listener:Listener": {
                this.loadBalancers.get(String(o.loadBalancerArn))?.listenerPorts.add(Number(o.port));
                // State order is not assumed: a target group seeded later keeps the association (see its case).
                for (const action of (o.defaultActions as Props[] | undefined) ?? []) {
                    if (action.type === "forward" && action.targetGroupArn !== undefined) {
                        const arn = String(action.targetGroupArn);
                        const group = this.targetGroups.get(arn) ?? { vpcId: "", loadBalancers: new Set<string>() };
                        group.loadBalancers.add(String(o.loadBalancerArn));
                        this.targetGroups.set(arn, group);
                    }
                }
                break;
            }
            case "aws:ec2/natGateway:NatGateway":
                if (o.allocationId !== undefined) {
                    this.natAllocations.add(String(o.allocationId));
                }
                break;
            case "aws:ec2/eip:Eip":
                this.allocations.add(id);
                if (typeof o.publicIp === "string") {
                    this.eipAddresses.set(id, o.publicIp);
                }
                break;
            case "aws:ec2/launchTemplate:LaunchTemplate":
                this.launchTemplates.set(id, { name: String(o.name ?? id), latestVersion: Number(o.latestVersion ?? 1), data: o });
                break;
            case "aws:autoscaling/group:Group":
                this.groups.add(String(o.name ?? id));
                this.attachTargets(String(o.name ?? id), ((o.targetGroupArns as string[] | undefined) ?? []).map(String));
                break;
            case "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment": {
                // A policy that counts requests of this target group needs it attached (state order is not assumed).
                const source = (o.trafficSource ?? {}) as Props;
                if (source.type === "elbv2") {
                    this.attachTargets(String(o.autoscalingGroupName), [String(source.identifier)]);
                }
                break;
            }
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Props {
        const a = unwrapSecrets(args.inputs) as Props;
        this.invokes.push({ token: args.token, args: a });
        switch (args.token) {
            case "aws:index/getRegion:getRegion":
                return { id: this.region, name: this.region, region: this.region, endpoint: `ec2.${this.region}.${this.dnsSuffix}`, description: this.region };
            case "aws:index/getPartition:getPartition":
                return { id: this.partition, partition: this.partition, dnsSuffix: this.dnsSuffix, reverseDnsPrefix: this.partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws" };
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return {
                    id: this.region, names: this.zones, zoneIds: this.zones.map((z, i) => `${this.region.slice(0, 3)}${z.slice(-1)}-az${i + 1}`),
                    groupNames: this.zones.map(() => this.region), state: a.state,
                };
            case "aws:ssm/getParameter:getParameter": {
                const name = String(a.name);
                if (!PUBLISHED[name]) {
                    throw new AwsError("ParameterNotFound", `parameter ${name} not found`);
                }
                return { id: name, name, type: "String", value: this.publishedId(name), version: 42, arn: `arn:${this.partition}:ssm:${this.region}::parameter${name}`, insecureValue: this.publishedId(name) };
            }
            case "aws:ec2/getAmi:getAmi": {
                const filters = (a.filters as { name: string; values: string[] }[] | undefined) ?? [];
                const idFilter = filters.find(f => f.name === "image-id");
                const image = idFilter ? this.image(idFilter.values[0]) : undefined;
                if (!image) {
                    throw new Error("Your query returned no results. Please change your search criteria and try again.");
                }
                return {
                    id: image.id, imageId: image.id, name: image.name, description: image.description, architecture: image.architecture,
                    rootDeviceName: image.rootDeviceName, rootDeviceType: "ebs", platform: image.platform, ownerId: image.ownerId,
                    state: "available", virtualizationType: "hvm", imdsSupport: image.platform || this.openImages.has(image.id) ? "" : "v2.0",
                    // An image the model does not know has no known root snapshot size (0): none is reported.
                    blockDeviceMappings: [{ deviceName: image.rootDeviceName, ebs: { ...(image.rootSizeGiB > 0 ? { volume_size: String(image.rootSizeGiB) } : {}), volume_type: "gp3", encrypted: "false", delete_on_termination: "true", snapshot_id: this.awsId("snap", image.id) }, noDevice: "", virtualName: "" }],
                };
            }
            case "aws:ec2/getSubnet:getSubnet": {
                const subnet = this.subnet(String(a.id));
                if (!subnet) {
                    // The data source turns InvalidSubnetID.NotFound into this text (vpc_subnet_data_source.go,
                    // tfresource.SingularDataSourceFindError); any other failure reads "reading EC2 Subnet: <AWS error>".
                    throw new Error("no matching EC2 Subnet found");
                }
                return { id: subnet.id, vpcId: subnet.vpcId, ...(subnet.cidr !== undefined ? { cidrBlock: subnet.cidr } : {}), availabilityZone: subnet.az, ...(subnet.mapPublicIpOnLaunch !== undefined ? { mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch } : {}), state: "available", ownerId: ACCOUNT_ID };
            }
            default:
                throw new Error(`The AWS model has no invoke ${args.token}; add it to offline/aws-model.ts`);
        }
    }
}

/** The CIDR of the `index`-th public subnet of a new network (for assertions). */
export function expectedPublicSubnetCidr(vpcCidr: string, index: number): string {
    return cidrSubnet(vpcCidr, 4, index);
}
