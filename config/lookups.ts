/**
 * Everything the program needs to know from AWS before it registers a resource: region, partition, zones,
 * adopted subnets and the AMI. Checks that depend on those facts fail here with a ConfigError, so a bad stack
 * stops before anything is created.
 */
import * as aws from "@pulumi/aws";
import { AMI_ALIASES, Architecture, instanceTypeArchitecture, loginUserForAmiName } from "../lib/aws-facts";
import { ConfigError, NAMESPACE } from "./errors";
import { KMS_KEY_ARN, ServerConfig } from "./schema";

/**
 * The login user of an image whose name is not known. AWS always reports an AMI's name; only the offline plan's
 * model leaves it empty, for an AMI it cannot see, and the outputs then say so instead of guessing (the offline
 * engine's UNKNOWN_LOGIN_USER, offline/facts.ts, is the same text).
 */
const UNKNOWN_LOGIN_USER = "<login-user>";

export interface ResolvedAmi {
    id: string;
    /** True when the stack pinned the id; false when it came from an alias. */
    pinned: boolean;
    name: string;
    architecture: Architecture;
    rootDeviceName: string;
    /** Size of the AMI's root snapshot: the smallest root volume it can boot with. */
    rootSnapshotSizeGiB: number;
    /** "windows" for Windows AMIs, "" otherwise. */
    platform: string;
    loginUser: string;
}

export interface AwsFacts {
    region: string;
    partition: { partition: string; dnsSuffix: string };
    /** Availability zones of a new network, in order. Empty for an adopted network. */
    availabilityZones: string[];
    /** The server subnets with their zones (new network: filled later from the zones). */
    adoptedSubnets: { id: string; availabilityZone: string; vpcId: string }[];
    /** An adopted network's load balancer subnets (`loadBalancer.subnetIds`) with their zones. Empty otherwise. */
    loadBalancerSubnets: { id: string; availabilityZone: string; vpcId: string }[];
    ami: ResolvedAmi;
}

async function resolveAmi(cfg: ServerConfig, errors: string[]): Promise<ResolvedAmi | undefined> {
    let id: string;
    let loginUser: string | undefined;
    if (cfg.ami.kind === "alias") {
        const alias = AMI_ALIASES[cfg.ami.alias];
        const param = await aws.ssm.getParameter({ name: alias.parameter });
        id = param.value;
        loginUser = alias.loginUser;
    } else {
        id = cfg.ami.id;
    }
    // Owners are not restricted for a pinned id: the id itself is the choice. Deprecated images stay usable.
    const given = JSON.stringify(cfg.ami.kind === "alias" ? cfg.ami.alias : id);
    let image: aws.ec2.GetAmiResult;
    try {
        image = await aws.ec2.getAmi({ filters: [{ name: "image-id", values: [id] }], includeDeprecated: true, mostRecent: true });
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // Only an empty result means "no such image": terraform-provider-aws internal/service/ec2/ec2_ami_data_source.go
        // dataSourceAMIRead fails with "Your query returned no results. Please change your search criteria and try
        // again." when DescribeImages found nothing, and with "reading EC2 AMIs: <AWS error>" when the call itself
        // failed (AccessDenied, throttling, a network error), which says nothing about the image.
        if (message.includes("Your query returned no results")) {
            errors.push(`${NAMESPACE}:ami: got ${given}, expected an AMI visible in this region (no image ${id} was found)`);
        } else {
            errors.push(`${NAMESPACE}:ami: got ${given}, but looking up its image ${id} failed, so whether it exists is unknown (AWS said: ${message})`);
        }
        return undefined;
    }
    const root = image.blockDeviceMappings.find(m => m.deviceName === image.rootDeviceName);
    // The provider returns the EBS map with Terraform's keys (volume_size); accept both spellings.
    const size = Number(root?.ebs?.["volume_size"] ?? root?.ebs?.["volumeSize"] ?? 0);
    return {
        id,
        pinned: cfg.ami.kind === "id",
        name: image.name,
        architecture: image.architecture === "arm64" ? "arm64" : "x86_64",
        rootDeviceName: image.rootDeviceName,
        rootSnapshotSizeGiB: size,
        platform: image.platform ?? "",
        loginUser: loginUser ?? (image.platform === "windows" ? "Administrator" : image.name ? loginUserForAmiName(`${image.name} ${image.description}`) : UNKNOWN_LOGIN_USER),
    };
}

/**
 * What the provider says when DescribeSubnets found no such subnet (InvalidSubnetID.NotFound): terraform-provider-aws
 * internal/service/ec2/vpc_subnet_data_source.go dataSourceSubnetRead returns tfresource.SingularDataSourceFindError
 * ("EC2 Subnet", …), which is this text for a not-found error and "reading EC2 Subnet: <AWS error>" for any other.
 */
export const NO_SUBNET_FOUND = "no matching EC2 Subnet found";

type SubnetLookup = { subnet: aws.ec2.GetSubnetResult } | { missing: true } | { failed: string };

/** One subnet by id: found, missing (only a not-found answer), or failed (AccessDenied, throttling, network). */
async function lookupSubnet(id: string): Promise<SubnetLookup> {
    try {
        return { subnet: await aws.ec2.getSubnet({ id }) };
    } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return message.includes(NO_SUBNET_FOUND) ? { missing: true } : { failed: message };
    }
}

/** The error for a subnet lookup that found nothing or failed, under `key` (`existingSubnetIds`, …). */
function subnetLookupError(key: string, id: string, lookup: { missing: true } | { failed: string }, region: string): string {
    return "failed" in lookup
        ? `${NAMESPACE}:${key}: got ${JSON.stringify(id)}, but looking it up failed, so whether it exists is unknown (AWS said: ${lookup.failed})`
        : `${NAMESPACE}:${key}: got ${JSON.stringify(id)}, expected a subnet that exists in ${region}`;
}

/**
 * The load balancer's subnets in an adopted network: each must exist and be in `vpcId`, and together they must be
 * in two or more zones, one subnet per zone (CreateLoadBalancer refuses fewer zones, and two subnets of one zone).
 */
async function loadBalancerSubnetFacts(ids: string[], vpcId: string, region: string, errors: string[]): Promise<AwsFacts["loadBalancerSubnets"]> {
    const key = "loadBalancer.subnetIds";
    const found = await Promise.all(ids.map(async id => ({ id, lookup: await lookupSubnet(id) })));
    const subnets: AwsFacts["loadBalancerSubnets"] = [];
    for (const { id, lookup } of found) {
        if (!("subnet" in lookup)) {
            errors.push(subnetLookupError(key, id, lookup, region));
        } else if (lookup.subnet.vpcId !== vpcId) {
            errors.push(`${NAMESPACE}:${key}: got ${JSON.stringify(id)}, expected a subnet of ${NAMESPACE}:existingVpcId ${vpcId} (it is in ${lookup.subnet.vpcId})`);
        } else {
            subnets.push({ id, availabilityZone: lookup.subnet.availabilityZone, vpcId: lookup.subnet.vpcId });
        }
    }
    if (subnets.length < ids.length) {
        return subnets;
    }
    const byZone = new Map<string, string[]>();
    subnets.forEach(s => byZone.set(s.availabilityZone, [...(byZone.get(s.availabilityZone) ?? []), s.id]));
    for (const [zone, inZone] of byZone) {
        if (inZone.length > 1) {
            errors.push(`${NAMESPACE}:${key}: got ${JSON.stringify(ids)}, expected one subnet per availability zone (${inZone.join(", ")} are all in ${zone}): a load balancer takes one subnet in each of its zones`);
        }
    }
    if (byZone.size < 2) {
        errors.push(`${NAMESPACE}:${key}: got ${JSON.stringify(ids)}, expected subnets in at least 2 availability zones (they are all in ${[...byZone.keys()].join(", ")}): an Application Load Balancer needs two or more zones`);
    }
    return subnets;
}

/** Looks up the AWS facts for a validated config. Throws ConfigError for every problem found. */
export async function lookupAwsFacts(cfg: ServerConfig): Promise<AwsFacts> {
    const errors: string[] = [];
    const [region, partition, ami] = await Promise.all([aws.getRegion(), aws.getPartition(), resolveAmi(cfg, errors)]);

    let availabilityZones: string[] = [];
    let adoptedSubnets: AwsFacts["adoptedSubnets"] = [];
    let loadBalancerSubnets: AwsFacts["loadBalancerSubnets"] = [];
    if (cfg.network.kind === "new") {
        const zones = await aws.getAvailabilityZones({
            state: "available",
            // Only zones every account can use, never Local Zones or opt-in zones.
            filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
        });
        const wanted = cfg.network.availabilityZones;
        if (zones.names.length < wanted) {
            errors.push(`${NAMESPACE}:availabilityZones: got ${wanted}, expected at most ${zones.names.length} (the zones of ${region.region}: ${zones.names.join(", ")})`);
        }
        availabilityZones = zones.names.slice(0, wanted);
    } else {
        const vpcId = cfg.network.vpcId;
        adoptedSubnets = await Promise.all(cfg.network.subnetIds.map(async id => {
            const found = await lookupSubnet(id);
            if (!("subnet" in found)) {
                errors.push(subnetLookupError("existingSubnetIds", id, found, region.region));
                return { id, availabilityZone: "", vpcId: "" };
            }
            const s = found.subnet;
            if (s.vpcId !== vpcId) {
                errors.push(`${NAMESPACE}:existingSubnetIds: got ${JSON.stringify(id)}, expected a subnet of ${NAMESPACE}:existingVpcId ${vpcId} (it is in ${s.vpcId})`);
            } else if (cfg.publicIp && !cfg.elasticIp && !cfg.autoScaling && !s.mapPublicIpOnLaunch) {
                // Fixed servers send no associatePublicIpAddress (see components/instance.ts): their address comes from
                // the subnet, so a subnet that maps none would leave them without one, silently. A group's launch
                // template always says it explicitly (components/auto-scaling.ts), so there the subnet does not matter.
                errors.push(`${NAMESPACE}:existingSubnetIds: got ${JSON.stringify(id)}, expected a subnet with mapPublicIpOnLaunch (auto-assign public IPv4) on, because ${NAMESPACE}:publicIp is true and servers take their public address from the subnet (turn it on for the subnet, or set elasticIp: true or publicIp: false)`);
            }
            return { id, availabilityZone: s.availabilityZone, vpcId: s.vpcId };
        }));
        // After the server subnets: the offline plan's open world gives unknown subnets the zones in turn.
        if (cfg.loadBalancer?.subnetIds) {
            loadBalancerSubnets = await loadBalancerSubnetFacts(cfg.loadBalancer.subnetIds, vpcId, region.region, errors);
        }
    }

    if (ami) {
        const typeArch = instanceTypeArchitecture(cfg.instanceType);
        if (typeArch && typeArch !== ami.architecture) {
            errors.push(`${NAMESPACE}:instanceType ${JSON.stringify(cfg.instanceType)} is ${typeArch} but the AMI ${ami.id}${ami.name ? ` (${ami.name})` : ""} is ${ami.architecture}; choose a matching instance type or AMI`);
        }
        // Every type of a mixed instances policy boots the group's one launch template, so the one AMI.
        cfg.autoScaling?.instanceTypes.forEach((type, i) => {
            const arch = instanceTypeArchitecture(type);
            if (arch && arch !== ami.architecture) {
                errors.push(`${NAMESPACE}:autoScaling.instanceTypes[${i}] ${JSON.stringify(type)} is ${arch} but the AMI ${ami.id}${ami.name ? ` (${ami.name})` : ""} is ${ami.architecture}; choose a matching instance type or AMI`);
            }
        });
        if (cfg.rootVolume.sizeGiB < ami.rootSnapshotSizeGiB) {
            errors.push(`${NAMESPACE}:rootVolume.sizeGiB: got ${cfg.rootVolume.sizeGiB}, expected at least ${ami.rootSnapshotSizeGiB} (the size of the root snapshot of ${ami.id})`);
        }
        if (ami.platform === "windows" && cfg.keyPair.kind === "generate" && cfg.keyPair.algorithm !== "RSA") {
            errors.push(`${NAMESPACE}:keyAlgorithm: got "ED25519", expected RSA for the Windows AMI ${ami.id}: EC2 encrypts the Windows password with an RSA key`);
        }
        if (ami.platform === "windows" && cfg.keyPair.kind === "import" && !cfg.keyPair.publicKey.startsWith("ssh-rsa ")) {
            errors.push(`${NAMESPACE}:publicKey: got a non-RSA key, expected an ssh-rsa key for the Windows AMI ${ami.id}`);
        }
        if (ami.platform !== "windows" && !ami.rootDeviceName) {
            errors.push(`${NAMESPACE}:ami: got ${JSON.stringify(ami.id)}, expected an EBS-backed AMI with a root device`);
        }
    }
    // A volume's KMS key must be in the volume's region (the schema has already checked that it is a key ARN).
    const kmsKeys: [string, string | undefined][] = [
        ["rootVolume.kmsKeyId", cfg.rootVolume.kmsKeyId],
        ...cfg.dataVolumes.map((v, i): [string, string | undefined] => [`dataVolumes[${i}].kmsKeyId`, v.kmsKeyId]),
    ];
    for (const [key, arn] of kmsKeys) {
        const keyRegion = arn?.match(KMS_KEY_ARN)?.[2];
        if (arn && keyRegion && keyRegion !== region.region) {
            errors.push(`${NAMESPACE}:${key}: got ${JSON.stringify(arn)}, expected a KMS key in ${region.region}, the stack's region (this key is in ${keyRegion}; EBS encrypts only with a key of the volume's own region)`);
        }
    }
    if (errors.length > 0 || !ami) {
        throw new ConfigError(errors);
    }
    return {
        region: region.region,
        partition: { partition: partition.partition, dnsSuffix: partition.dnsSuffix },
        availabilityZones,
        adoptedSubnets,
        loadBalancerSubnets,
        ami,
    };
}
