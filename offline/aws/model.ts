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
import { cidrSubnet } from "../../lib/cidr";
import type { Assumption } from "../facts";
import { hasSdkSignature } from "../sdk-shims";
import { DESCEND, mapValue } from "../../lib/values";
import { AwsError } from "./errors";
import { PUBLISHED } from "./images";
import { awsType } from "./registry";
import { ACCOUNT_ID, AwsModelOptions, Props, World } from "./world";

export { ACCOUNT_ID, EXISTING } from "./world";
export type { AwsModelOptions } from "./world";
export { PINNED_IMAGES } from "./images";
export type { ModelImage } from "./images";
export { ALB_HOSTED_ZONE_IDS, ASSUMED_ZONE_NAMES, REGION_ZONES } from "./regions";

/** Removes pulumi's secret wrappers (the model reasons about values; the engine keeps secretness). */
export function unwrapSecrets(value: unknown): unknown {
    return mapValue(value, v => (hasSdkSignature(v) && "value" in v ? unwrapSecrets(v.value) : DESCEND));
}

/** The program's own component types: the engine registers them with no id and no outputs. */
const COMPONENT_TYPES = new Set([
    "pulumi:pulumi:Stack",
    "ec2-server:network:Network",
    "ec2-server:security:SecurityGroup",
    "ec2-server:keys:KeyPair",
    "ec2-server:compute:Instance",
    "ec2-server:network:LoadBalancer",
    "ec2-server:compute:AutoScaling",
]);

/**
 * The AWS model as Pulumi mocks: each resource type's create, seed and release are its module's (offline/aws/registry.ts),
 * in the shared world (offline/aws/world.ts); the invokes (data sources) are answered here.
 */
export class AwsModel implements pulumi.runtime.Mocks {
    /** What the types consult and change: what exists, ids, autonames, images, facts. */
    readonly world: World;
    /** Every invoke the program made, in order: `token` and its args. */
    readonly invokes: { token: string; args: Props }[] = [];

    constructor(options: AwsModelOptions) {
        this.world = new World(options, (path, release) => this.publishedId(path, release));
    }

    get region(): string {
        return this.world.region;
    }

    get partition(): string {
        return this.world.partition;
    }

    get zones(): string[] {
        return this.world.zones;
    }

    get now(): () => Date {
        return this.world.now;
    }

    /** What the model accepted without knowing it, each once, grouped by kind (offline/facts.ts NotVerified). */
    get assumptions(): Assumption[] {
        return this.world.assumptions;
    }

    /** The AMI id AWS currently publishes under a public parameter in this region. */
    publishedId(path: string, release = this.world.imageReleases[path] ?? 0): string {
        // Not salted by a replacement round: the image AWS publishes does not depend on what is being created.
        return `ami-0${crypto.createHash("sha256").update(`${this.world.region}/ami/${path}${release > 0 ? `/release-${release}` : ""}`).digest("hex").slice(0, 16)}`;
    }

    /** The root snapshot size of an image the model knows. */
    imageRootSizeGiB(id: string): number | undefined {
        return this.world.image(id)?.rootSizeGiB;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Props } {
        if (COMPONENT_TYPES.has(args.type)) {
            return { id: undefined, state: {} };
        }
        const type = awsType(args.type);
        if (!type?.create) {
            throw new Error(`The AWS model has no resource type ${args.type} (${args.name}); add it to offline/aws/registry.ts`);
        }
        const p = unwrapSecrets(args.inputs) as Props;
        return type.create(this.world, {
            type: args.type, name: args.name, inputs: args.inputs, p,
            state: (extra: Props) => ({ ...args.inputs, ...extra, region: this.world.region }),
        });
    }

    /** Runs `fn` (a create) as the `round`-th replacement of the resource: its ids and autonames differ. */
    withReplacementRound<T>(round: number, fn: () => T): T {
        const before = this.world.round;
        this.world.round = round;
        try {
            return fn();
        } finally {
            this.world.round = before;
        }
    }

    /**
     * A resource deleted before its replacement is created (deleteBeforeReplace): what it held is free again,
     * as in AWS (a NAT gateway's Elastic IP association; a key pair's name).
     */
    release(type: string, id: string, inputs: Props, outputs: Props): void {
        awsType(type)?.release?.(this.world, id, { ...inputs, ...outputs });
    }

    /**
     * Makes a resource of a deployed stack exist in the model (a plan against a stack's state): its id, and the
     * facts other resources are checked against (a VPC's CIDR, a subnet's zone and CIDR, a group's VPC …).
     */
    seed(type: string, id: string, inputs: Props, outputs: Props): void {
        awsType(type)?.seed?.(this.world, id, { ...inputs, ...outputs });
    }

    call(args: pulumi.runtime.MockCallArgs): Props {
        const a = unwrapSecrets(args.inputs) as Props;
        this.invokes.push({ token: args.token, args: a });
        switch (args.token) {
            case "aws:index/getRegion:getRegion":
                return { id: this.world.region, name: this.world.region, region: this.world.region, endpoint: `ec2.${this.world.region}.${this.world.dnsSuffix}`, description: this.world.region };
            case "aws:index/getPartition:getPartition":
                return { id: this.world.partition, partition: this.world.partition, dnsSuffix: this.world.dnsSuffix, reverseDnsPrefix: this.world.partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws" };
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return {
                    id: this.world.region, names: this.world.zones, zoneIds: this.world.zones.map((z, i) => `${this.world.region.slice(0, 3)}${z.slice(-1)}-az${i + 1}`),
                    groupNames: this.world.zones.map(() => this.world.region), state: a.state,
                };
            case "aws:ssm/getParameter:getParameter": {
                const name = String(a.name);
                if (!PUBLISHED[name]) {
                    throw new AwsError("ParameterNotFound", `parameter ${name} not found`);
                }
                return { id: name, name, type: "String", value: this.publishedId(name), version: 42, arn: `arn:${this.world.partition}:ssm:${this.world.region}::parameter${name}`, insecureValue: this.publishedId(name) };
            }
            case "aws:ec2/getAmi:getAmi": {
                const filters = (a.filters as { name: string; values: string[] }[] | undefined) ?? [];
                const idFilter = filters.find(f => f.name === "image-id");
                const image = idFilter ? this.world.image(idFilter.values[0]) : undefined;
                if (!image) {
                    throw new Error("Your query returned no results. Please change your search criteria and try again.");
                }
                return {
                    id: image.id, imageId: image.id, name: image.name, description: image.description, architecture: image.architecture,
                    rootDeviceName: image.rootDeviceName, rootDeviceType: "ebs", platform: image.platform, ownerId: image.ownerId,
                    state: "available", virtualizationType: "hvm", imdsSupport: image.platform || this.world.openImages.has(image.id) ? "" : "v2.0",
                    // An image the model does not know has no known root snapshot size (0): none is reported.
                    blockDeviceMappings: [{ deviceName: image.rootDeviceName, ebs: { ...(image.rootSizeGiB > 0 ? { volume_size: String(image.rootSizeGiB) } : {}), volume_type: "gp3", encrypted: "false", delete_on_termination: "true", snapshot_id: this.world.awsId("snap", image.id) }, noDevice: "", virtualName: "" }],
                };
            }
            case "aws:ec2/getSubnet:getSubnet": {
                const subnet = this.world.subnet(String(a.id));
                if (!subnet) {
                    // The data source turns InvalidSubnetID.NotFound into this text (vpc_subnet_data_source.go,
                    // tfresource.SingularDataSourceFindError); any other failure reads "reading EC2 Subnet: <AWS error>".
                    throw new Error("no matching EC2 Subnet found");
                }
                return { id: subnet.id, vpcId: subnet.vpcId, ...(subnet.cidr !== undefined ? { cidrBlock: subnet.cidr } : {}), availabilityZone: subnet.az, ...(subnet.mapPublicIpOnLaunch !== undefined ? { mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch } : {}), state: "available", ownerId: ACCOUNT_ID };
            }
            default:
                throw new Error(`The AWS model has no invoke ${args.token}; add it to offline/aws/model.ts`);
        }
    }
}

/** The CIDR of the `index`-th public subnet of a new network (for assertions). */
export function expectedPublicSubnetCidr(vpcCidr: string, index: number): string {
    return cidrSubnet(vpcCidr, 4, index);
}
