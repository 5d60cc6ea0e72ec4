/**
 * Offline facts, and the record of what the offline plan did not verify.
 *
 * The AWS model (offline/aws/) knows what the program creates and a few fixed ids (PINNED_IMAGES,
 * EXISTING). Real stacks pin golden AMIs and adopt shared VPCs, subnets and security groups that no model can
 * know. `npm run plan` therefore runs the model open-world: a well-formed id it does not know is assumed to
 * exist, and every assumption is recorded here and printed under "Not verified offline:". Facts make those
 * assumptions precise; they come from a facts file (`npm run plan -- --facts FILE`) or from a deployed stack's
 * state (`factsFromState`). A real `pulumi up` still looks everything up in AWS.
 *
 * The facts file's format and its schema are in offline/facts-schema.ts, loaded when a file is first read.
 */
import * as fs from "node:fs";
import * as yaml from "js-yaml";
import { AMI_ID_PATTERN, instanceTypeArchitecture } from "../lib/aws-facts";
import { ipv4HasHostBits, parseIpv4Cidr } from "../lib/cidr";
import type * as FactsSchemaModule from "./facts-schema";
import type { ImageFacts, SecurityGroupFacts, SubnetFacts, VpcFacts } from "./facts-schema";
import type { StateResource } from "./state";

export const FACTS_FORMAT_VERSION = 1;

/**
 * What the outputs show for a value the offline plan cannot know (never a made-up value). The login user is the
 * program's (config/lookups.ts) for an image whose name the model does not know.
 */
export const UNKNOWN_LOGIN_USER = "<login-user>";
export const UNKNOWN_PRIVATE_IP = "<private-ip>";
export const UNKNOWN_PRIVATE_DNS = "<private-dns>";
export const UNKNOWN_PUBLIC_IP = "<public-ip>";
export const UNKNOWN_PUBLIC_DNS = "<public-dns>";

/** Where a fact came from, as the plan prints it: `facts file <path>` or `state`. */
interface Sourced { source: string }

/** What a facts file or a state can say about an id: the fields of offline/facts-schema.ts, each optional. */
export type { ImageFacts, SecurityGroupFacts, SubnetFacts, VpcFacts };

export interface OfflineFacts {
    images: Record<string, ImageFacts & Sourced>;
    subnets: Record<string, SubnetFacts & Sourced>;
    securityGroups: Record<string, SecurityGroupFacts & Sourced>;
    vpcs: Record<string, VpcFacts & Sourced>;
}

export function emptyFacts(): OfflineFacts {
    return { images: {}, subnets: {}, securityGroups: {}, vpcs: {} };
}

/**
 * What the stack expects of ids the model cannot see: an unknown subnet or security group is assumed to be in
 * the stack's `existingVpcId`, an unknown AMI to have the architecture of the stack's `instanceType`, and an
 * unknown subnet to map public IPv4 addresses on launch when the stack's servers take theirs from the subnet.
 */
export interface OpenWorld {
    vpcId?: string;
    instanceType?: string;
    mapPublicIpOnLaunch?: boolean;
}

export function openWorldFromConfig(config: Record<string, string>): OpenWorld {
    // The program's config module is loaded here, not with this module: the AWS model reads facts' other exports
    // (plan:diff loads it through the type registry), and the config module is the largest the engine could load.
    const { NAMESPACE } = require("../config") as typeof import("../config");
    const key = (k: string) => config[`${NAMESPACE}:${k}`];
    return {
        vpcId: key("existingVpcId"),
        instanceType: key("instanceType"),
        // As config/lookups.ts requires of an adopted subnet: publicIp without an Elastic IP, for fixed servers
        // (a group's launch template sends associatePublicIpAddress itself).
        mapPublicIpOnLaunch: key("publicIp") === "true" && key("elasticIp") !== "true" && key("autoScaling") === undefined,
    };
}

const hexId = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
/** AWS's id shapes (8 or 17 hex digits). An id of another shape is malformed, and AWS rejects it as such. */
export const ID_PATTERNS = {
    image: AMI_ID_PATTERN,
    subnet: hexId("subnet"),
    vpc: hexId("vpc"),
    securityGroup: hexId("sg"),
    prefixList: hexId("pl"),
    snapshot: hexId("snap"),
} as const;

export const ZONE_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;

/** An IPv4 network with no host bits, like 10.20.0.0/20: what a VPC's or subnet's CIDR block is. */
export function isNetworkCidr(value: unknown): value is string {
    const c = typeof value === "string" ? parseIpv4Cidr(value) : undefined;
    return c !== undefined && !ipv4HasHostBits(c);
}

// ---------------------------------------------------------------------------------------------------------------
// The "not verified offline" record.

export interface Assumption {
    /** The id (or `KMS key <id>`, `zones of <region>`) that was not looked up in AWS. */
    subject: string;
    /** What the plan took it to be, and where that came from. */
    assumed: string;
}

/** Region-wide assumptions first (`zones of <region>`, `ALB hosted zone of <region>`: offline/aws/world.ts), then ids by kind. */
const SUBJECT_ORDER = ["zones of ", "ALB hosted zone of ", "ami-", "vpc-", "subnet-", "sg-", "pl-", "snap-", "KMS key "];
const rank = (subject: string) => {
    const i = SUBJECT_ORDER.findIndex(p => subject.startsWith(p));
    return i < 0 ? SUBJECT_ORDER.length : i;
};

/** Assumptions, each once: the region's zones and ALB hosted zone, AMIs, VPCs, subnets, groups, prefix lists, snapshots, KMS keys; each kind in the order first made. */
export class NotVerified {
    private readonly seen = new Set<string>();
    private readonly entries: Assumption[] = [];

    record(subject: string, assumed: string): void {
        const key = `${subject}\n${assumed}`;
        if (!this.seen.has(key)) {
            this.seen.add(key);
            this.entries.push({ subject, assumed });
        }
    }

    get list(): Assumption[] {
        return this.entries.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a.subject) - rank(y.a.subject) || x.i - y.i).map(({ a }) => ({ ...a }));
    }
}

/**
 * One assumption's text: `<told> (from <source>); assumed <…>; unknown: <…>`, e.g.
 * `assumed x86_64 (to match instance type t3.micro), platform linux; unknown: root snapshot size (…)`.
 */
export function describeAssumption(d: { told?: string[]; source?: string; assumed?: string[]; unknown?: string[] }): string {
    const parts: string[] = [];
    if (d.told && d.told.length > 0) {
        parts.push(`${d.told.join(", ")} (from ${d.source})`);
    }
    if (d.assumed && d.assumed.length > 0) {
        parts.push(`assumed ${d.assumed.join(", ")}`);
    }
    if (d.unknown && d.unknown.length > 0) {
        parts.push(`unknown: ${d.unknown.join(", ")}`);
    }
    return parts.join("; ");
}

/** The plan's "Not verified offline:" section; empty when nothing was assumed. */
export function renderNotVerified(assumptions: Assumption[]): string {
    if (assumptions.length === 0) {
        return "";
    }
    return [
        "Not verified offline (the AWS model cannot see these in your account; `pulumi up` looks each one up and fails if it is wrong):",
        ...assumptions.map(a => `    ${a.subject}: ${a.assumed}`),
    ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// The facts file.

/** Thrown by parseFacts with every problem found. */
export class FactsFormatError extends Error {
    constructor(public readonly file: string, public readonly problems: string[]) {
        super(`${file} is not a valid facts file (version ${FACTS_FORMAT_VERSION}):\n  - ${problems.join("\n  - ")}`);
        this.name = "FactsFormatError";
    }
}

/** Checks a parsed facts document (offline/facts-schema.ts, loaded at first call); throws FactsFormatError listing every problem. */
export function parseFacts(value: unknown, file = "facts"): OfflineFacts {
    return (require("./facts-schema") as typeof FactsSchemaModule).parseFacts(value, file);
}

/** Reads a facts file (YAML or JSON). Throws an Error naming the file, or a FactsFormatError. */
export function readFactsFile(file: string): OfflineFacts {
    let textContent: string;
    try {
        textContent = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new Error(`cannot read facts file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
    let doc: unknown;
    try {
        doc = yaml.load(textContent);
    } catch (err) {
        throw new FactsFormatError(file, [`not valid YAML: ${(err as Error).message.split("\n")[0]}`]);
    }
    return parseFacts(doc, file);
}

/** Combines facts; for the same id, later sets win field by field, and the entry names every source it used. */
export function mergeFacts(...sets: OfflineFacts[]): OfflineFacts {
    const merged = emptyFacts();
    for (const set of sets) {
        for (const name of Object.keys(merged) as (keyof OfflineFacts)[]) {
            const target = merged[name] as Record<string, Record<string, unknown> & Sourced>;
            for (const [id, entry] of Object.entries(set[name] as Record<string, Record<string, unknown> & Sourced>)) {
                const before = target[id];
                const sources = before && before.source !== entry.source ? `${before.source} and ${entry.source}` : entry.source;
                target[id] = { ...before, ...entry, source: sources };
            }
        }
    }
    return merged;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts from a deployed stack's state.

function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * Facts that a deployed stack's resources prove (their outputs are what AWS reported at the last refresh):
 * - a subnet, VPC or security group the stack created: its zone, VPC and CIDR;
 * - an instance: its subnet's zone, and its AMI's architecture (AWS launched that AMI on that instance type,
 *   so they match);
 * - a data volume attached to an instance: the zone of the instance's subnet, when the instance does not say.
 * Values that are not well-formed (secrets, unknowns) are skipped.
 */
export function factsFromState(resources: StateResource[], source = "state"): OfflineFacts {
    const facts = emptyFacts();
    const zone = (v: unknown) => (str(v) && ZONE_PATTERN.test(v as string) ? (v as string) : undefined);
    const cidr = (v: unknown) => (isNetworkCidr(v) ? v : undefined);
    const id = (v: unknown, pattern: RegExp) => (str(v) && pattern.test(v as string) ? (v as string) : undefined);
    const put = <T extends object>(section: Record<string, T & Sourced>, key: string | undefined, entry: T) => {
        const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as T;
        if (key && Object.keys(defined).length > 0) {
            section[key] = { ...section[key], ...defined, source };
        }
    };
    const instances: { subnetId?: string; zone?: string; id: string }[] = [];
    const volumeZones = new Map<string, string>();
    const attachments: { volumeId: string; instanceId: string }[] = [];
    for (const r of resources) {
        if (!r.custom || !r.id) {
            continue;
        }
        const o = r.outputs ?? {};
        switch (r.type) {
            case "aws:ec2/vpc:Vpc":
                put(facts.vpcs, id(r.id, ID_PATTERNS.vpc), { cidr: cidr(o.cidrBlock) });
                break;
            case "aws:ec2/subnet:Subnet":
                put(facts.subnets, id(r.id, ID_PATTERNS.subnet), {
                    availabilityZone: zone(o.availabilityZone), vpcId: id(o.vpcId, ID_PATTERNS.vpc), cidr: cidr(o.cidrBlock),
                    mapPublicIpOnLaunch: typeof o.mapPublicIpOnLaunch === "boolean" ? o.mapPublicIpOnLaunch : undefined,
                });
                break;
            case "aws:ec2/securityGroup:SecurityGroup":
                put(facts.securityGroups, id(r.id, ID_PATTERNS.securityGroup), { vpcId: id(o.vpcId, ID_PATTERNS.vpc) });
                break;
            case "aws:ec2/instance:Instance": {
                const instanceType = str(o.instanceType);
                put(facts.images, id(o.ami, ID_PATTERNS.image), { architecture: instanceType ? instanceTypeArchitecture(instanceType) : undefined });
                instances.push({ id: r.id, subnetId: id(o.subnetId, ID_PATTERNS.subnet), zone: zone(o.availabilityZone) });
                break;
            }
            case "aws:ebs/volume:Volume": {
                const z = zone(o.availabilityZone);
                if (z) {
                    volumeZones.set(r.id, z);
                }
                break;
            }
            case "aws:ec2/volumeAttachment:VolumeAttachment": {
                const volumeId = str(o.volumeId);
                const instanceId = str(o.instanceId);
                if (volumeId && instanceId) {
                    attachments.push({ volumeId, instanceId });
                }
                break;
            }
        }
    }
    for (const inst of instances) {
        const attachedZone = attachments.filter(a => a.instanceId === inst.id).map(a => volumeZones.get(a.volumeId)).find(z => z !== undefined);
        const known = inst.subnetId ? facts.subnets[inst.subnetId]?.availabilityZone : undefined;
        put(facts.subnets, inst.subnetId, { availabilityZone: known ?? inst.zone ?? attachedZone });
    }
    return facts;
}
