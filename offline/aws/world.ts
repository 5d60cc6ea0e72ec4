/**
 * The AWS model's shared world (see World). offline/aws/model.ts drives it as Pulumi mocks; the type modules listed in
 * offline/aws/registry.ts create, seed and release their resources in it.
 */
import * as crypto from "node:crypto";
import { instanceTypeArchitecture } from "../../lib/aws-facts";
import { ipv4At, parseIpv4Cidr } from "../../lib/cidr";
import {
    Assumption, ID_PATTERNS, NotVerified, OfflineFacts, OpenWorld, UNKNOWN_LOGIN_USER, UNKNOWN_PRIVATE_IP,
    describeAssumption, emptyFacts,
} from "../facts";
import { AwsError } from "./errors";
import { ModelImage, PINNED_IMAGES, PUBLISHED } from "./images";
import { ALB_HOSTED_ZONE_IDS, ASSUMED_ZONE_NAMES, REGION_ZONES } from "./regions";

export type Props = Record<string, unknown>;

export const ACCOUNT_ID = "123456789012";

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

/** `cidr` and `mapPublicIpOnLaunch` are undefined for a subnet the model only assumes (open world): unknown. */
export interface SubnetRecord { id: string; vpcId: string; cidr: string | undefined; az: string; mapPublicIpOnLaunch: boolean | undefined; used: Set<number> }

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

/**
 * The world the AWS model's types consult and change: what exists (VPCs, subnets, security groups, key pairs,
 * instances, volumes, Elastic IPs, NAT gateways' allocations, load balancers, target groups, launch templates, Auto
 * Scaling groups and their targets), how ids, ARNs, autonames and addresses are made, the images and the facts of an
 * open world, and the record of what was not verified. Each type module (offline/aws/<service>/<type>.ts) receives it.
 */
export class World {
    readonly region: string;
    readonly partition: string;
    readonly zones: string[];
    readonly vpcs = new Map<string, { cidr: string }>();
    readonly subnets = new Map<string, SubnetRecord>();
    readonly securityGroups = new Map<string, { vpcId: string }>();
    readonly keyPairs = new Set<string>();
    readonly instances = new Map<string, { az: string; subnetId: string }>();
    readonly volumes = new Map<string, { az: string }>();
    readonly allocations = new Set<string>();
    /** Elastic IP addresses by allocation id: a NAT gateway reports its Elastic IP's address. */
    readonly eipAddresses = new Map<string, string>();
    /** Allocations a NAT gateway holds: AWS gives an Elastic IP to one gateway only. */
    readonly natAllocations = new Set<string>();
    /** Load balancers by ARN: their VPC and the ports their listeners take. */
    readonly loadBalancers = new Map<string, { vpcId: string; listenerPorts: Set<number> }>();
    /** Target groups by ARN: their VPC, and the load balancers whose listeners forward to them (their association). */
    readonly targetGroups = new Map<string, { vpcId: string; loadBalancers: Set<string> }>();
    /** Launch templates by id: what CreateAutoScalingGroup checks a template's data against. */
    readonly launchTemplates = new Map<string, { name: string; latestVersion: number; data: Props }>();
    /** Auto Scaling groups by name. */
    readonly groups = new Set<string>();
    /** The target group ARNs each group (by name) is attached to: its own targetGroupArns and its traffic sources. */
    readonly groupTargets = new Map<string, Set<string>>();
    readonly facts: OfflineFacts;
    readonly openWorld?: OpenWorld;
    readonly imageReleases: Record<string, number>;
    readonly now: () => Date;
    /** VPCs the program created: the model knows every group in them. */
    readonly createdVpcs = new Set<string>();
    /** AMIs the model does not know, as first resolved (from facts, or assumed). */
    readonly openImages = new Map<string, ModelImage & { architectureAssumed: boolean }>();
    private assumedSubnets = 0;
    readonly notVerified = new NotVerified();

    /**
     * @param publishedId the AMI id AWS publishes under a public parameter (its `release`-th image): the model's
     * (offline/aws/model.ts AwsModel.publishedId, which a test may override).
     */
    constructor(options: AwsModelOptions, private readonly publishedId: (path: string, release: number) => string) {
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
    albHostedZoneId(): string | undefined {
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
    checkShape(kind: "subnet" | "vpc" | "securityGroup", id: string): void {
        if (!ID_PATTERNS[kind].test(id)) {
            const [code, noun] = { subnet: ["InvalidSubnetID", "subnet"], vpc: ["InvalidVpcID", "vpc"], securityGroup: ["InvalidGroupId", "security group"] }[kind];
            throw new AwsError(`${code}.Malformed`, `The ${noun} ID '${id}' is malformed`);
        }
    }

    /** A VPC the model knows, or one the facts name or the open world assumes (recorded). */
    vpc(vpcId: string): { cidr: string | undefined } | undefined {
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
    subnet(id: string): SubnetRecord | undefined {
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
    securityGroup(id: string, vpcId: string | undefined): { vpcId: string | undefined } | undefined {
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
    notLookedUp(subject: string, assumed: string): void {
        this.notVerified.record(subject, describeAssumption({ assumed: [assumed] }));
    }

    get dnsSuffix(): string {
        return this.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    }

    /** Deterministic hex from a seed. */
    hex(seed: string, length: number): string {
        return crypto.createHash("sha256").update(`${this.region}/${seed}${this.round ? `/replacement-${this.round}` : ""}`).digest("hex").slice(0, length);
    }

    awsId(prefix: string, seed: string): string {
        return `${prefix}-0${this.hex(seed, 16)}`;
    }

    /** A deterministic UUID (the form Auto Scaling ARNs carry). */
    uuid(seed: string): string {
        const h = this.hex(`uuid/${seed}`, 32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }

    arn(service: string, resource: string, global = false): string {
        return `arn:${this.partition}:${service}:${global ? "" : this.region}:${ACCOUNT_ID}:${resource}`;
    }

    /** An autonamed physical name, as Pulumi's autonaming makes it: `<name>-<7 hex>`. */
    autoname(name: string): string {
        return `${name}-${this.hex(`autoname/${name}`, 7)}`;
    }

    /**
     * An autoname for a type whose names AWS limits (load balancers and target groups: 32). Pulumi refuses, before
     * anything is created, a resource name that leaves no room for the suffix (pulumi/pulumi sdk/go/common/resource
     * NewUniqueHex, through the bridge's autonaming).
     */
    limitedAutoname(type: string, name: string, maxLength: number): string {
        if (name.length + 1 + 7 > maxLength) {
            throw new Error(`could not make instance of '${type}': name '${name}-' plus 7 random chars is longer than maximum length ${maxLength}`);
        }
        return this.autoname(name);
    }

    /** A deterministic public IPv4 address from Amazon's ranges. */
    publicAddress(seed: string): string {
        const h = crypto.createHash("sha256").update(`${this.region}/ip/${seed}${this.round ? `/replacement-${this.round}` : ""}`).digest();
        return `3.${34 + (h[0] % 4)}.${h[1]}.${1 + (h[2] % 254)}`;
    }

    publicDnsName(address: string): string {
        const host = `ec2-${address.replace(/\./g, "-")}`;
        return this.region === "us-east-1" ? `${host}.compute-1.amazonaws.com` : `${host}.${this.region}.compute.${this.dnsSuffix}`;
    }

    /** A free private address inside the subnet (AWS reserves the first four and the last). */
    privateAddress(subnet: SubnetRecord, seed: string): string {
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

    requireZone(az: unknown, what: string): string {
        if (typeof az !== "string" || !this.zones.includes(az)) {
            throw new AwsError("InvalidParameterValue", `${what}: invalid availability zone ${JSON.stringify(az)} for ${this.region}`);
        }
        return az;
    }

    /** An AMI the model knows; or one the facts describe or the open world assumes (of `instanceType`'s architecture). */
    image(id: string, instanceType = this.openWorld?.instanceType): ModelImage | undefined {
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

    openImage(id: string, instanceType: string | undefined): ModelImage | undefined {
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


    /** Which replacement a create is for: a replacement gets new ids and a new autoname, as in AWS and Pulumi. */
    round = 0;

    /** An Auto Scaling group that exists (by name), or AWS's ValidationError. */
    requireGroup(groupName: string): void {
        if (!this.groups.has(groupName)) {
            throw new AwsError("ValidationError", `AutoScalingGroup name not found - AutoScalingGroup ${groupName} not found`);
        }
    }

    /** Records target groups as attached to a group (by name). */
    attachTargets(groupName: string, arns: string[]): void {
        const targets = this.groupTargets.get(groupName) ?? new Set<string>();
        arns.forEach(arn => targets.add(arn));
        this.groupTargets.set(groupName, targets);
    }
}
