/**
 * `aws:ec2/instance:Instance` (aws_instance, terraform-provider-aws internal/service/ec2/ec2_instance.go): what AWS and
 * the provider do for it, as the offline engine and the simulated provider model it.
 */
import * as crypto from "node:crypto";
import { describeAssumption, ID_PATTERNS, UNKNOWN_PRIVATE_DNS, UNKNOWN_PRIVATE_IP, UNKNOWN_PUBLIC_DNS, UNKNOWN_PUBLIC_IP } from "../../facts";
import type { StateResource } from "../../state";
import { volumeDefaults } from "../ebs/volume";
import { hasInstanceStore, INSTANCE_STORE_NOTE } from "./instance-store";
import { AwsError, AwsRejection } from "../errors";
import { regionRow, TF_DOCS, TF_EC2, TF_SERVICE } from "../rows";
import type { Inputs } from "../rows";
import { ATTACHMENT, EIP, EIP_ASSOCIATION, INSTANCE } from "../tokens";
import type { AwsType, Props } from "../type";

const userDataReplaceOnChange = {
    label: "userDataReplaceOnChange is true",
    holds: (_base: Inputs, head: Inputs) => head.userDataReplaceOnChange === true,
};

/**
 * CPU architecture of an EC2 instance type, read from its name: Graviton families carry a "g" after
 * the generation digit (t4g, m7gd, c7gn, im4gn, is4gen, g5g); a1 is arm64 too. Undefined when the
 * name does not say (mac*, u-*, unknown values), so the row stays quiet rather than guess.
 */
function instanceTypeArch(type: unknown): "arm64" | "x86_64" | undefined {
    if (typeof type !== "string") return undefined;
    const m = /^([a-z]+)(\d+)([a-z-]*)\.[a-z0-9]+$/.exec(type);
    if (!m || m[1] === "mac") return undefined;
    if (m[1] === "a" && m[2] === "1") return "arm64";
    return m[3].includes("g") ? "arm64" : "x86_64";
}

/** The hash the provider stores for an instance's user data (StateFunc userDataHashSum). */
export function userDataHash(text: string): string {
    return crypto.createHash("sha1").update(text).digest("hex");
}

function hasEip(world: StateResource[], instance: StateResource): boolean {
    return world.some(x => x.type === EIP_ASSOCIATION && x.outputs.instanceId === instance.id);
}

const SRC = {
    instance: `${TF_EC2}ec2_instance.go (aws_instance schema)`,
    instanceUserData: `${TF_EC2}ec2_instance.go (CustomizeDiff: customdiff.ForceNewIf on user_data_replace_on_change)`,
    instanceArch: `${TF_EC2}ec2_instance.go (CustomizeDiff: customdiff.ForceNewIf on instance_type when the old and new types share no architecture)`,
    instancePrimaryIpv6: `${TF_DOCS}instance.html.markdown (enable_primary_ipv6: disabling it after it was enabled forces recreation)`,
} as const;

export const instance: AwsType = {
    token: INSTANCE,
    kind: {
        stateful: true,
        label: "EC2 instance",
        forceNew: [
            { path: "ami", source: SRC.instance }, // "ami": ForceNew
            { path: "associatePublicIpAddress", source: SRC.instance }, // "associate_public_ip_address": ForceNew
            { path: "availabilityZone", source: SRC.instance }, // "availability_zone": ForceNew
            { path: "cpuOptions.amdSevSnp", source: SRC.instance }, // cpu_options.amd_sev_snp: ForceNew
            { path: "cpuOptions.coreCount", source: SRC.instance }, // cpu_options.core_count: ForceNew
            { path: "cpuOptions.threadsPerCore", source: SRC.instance }, // cpu_options.threads_per_core: ForceNew
            { path: "ebsBlockDevices[*].deleteOnTermination", source: SRC.instance }, // ebs_block_device.*: ForceNew
            { path: "ebsBlockDevices[*].deviceName", source: SRC.instance },
            { path: "ebsBlockDevices[*].encrypted", source: SRC.instance },
            { path: "ebsBlockDevices[*].iops", source: SRC.instance },
            { path: "ebsBlockDevices[*].kmsKeyId", source: SRC.instance },
            { path: "ebsBlockDevices[*].snapshotId", source: SRC.instance },
            { path: "ebsBlockDevices[*].throughput", source: SRC.instance },
            { path: "ebsBlockDevices[*].volumeSize", source: SRC.instance },
            { path: "ebsBlockDevices[*].volumeType", source: SRC.instance },
            { path: "ebsOptimized", source: SRC.instance }, // "ebs_optimized": ForceNew
            { path: "enclaveOptions.enabled", source: SRC.instance }, // enclave_options.enabled: ForceNew
            { path: "ephemeralBlockDevices", source: SRC.instance }, // "ephemeral_block_device": ForceNew
            { path: "hibernation", source: SRC.instance }, // "hibernation": ForceNew
            { path: "hostId", source: SRC.instance }, // "host_id": ForceNew
            // ipv6_address_count is no longer ForceNew: resourceInstanceUpdate assigns/unassigns on the primary ENI.
            { path: "instanceMarketOptions", source: SRC.instance }, // "instance_market_options" (+ spot_options.*): ForceNew
            {
                // customdiff.ForceNewIf(instance_type): findInstanceTypeByName, then !hasCommonElement(SupportedArchitectures)
                path: "instanceType",
                source: SRC.instanceArch,
                condition: {
                    label: "the old and new instance types share no CPU architecture (x86_64 ↔ arm64, read from the type names)",
                    holds: (base, head) => {
                        const [b, h] = [instanceTypeArch(base.instanceType), instanceTypeArch(head.instanceType)];
                        return b !== undefined && h !== undefined && b !== h;
                    },
                },
            },
            {
                path: "enablePrimaryIpv6",
                source: SRC.instancePrimaryIpv6,
                condition: {
                    label: "enablePrimaryIpv6 was true and is turned off",
                    holds: (base, head) => base.enablePrimaryIpv6 === true && head.enablePrimaryIpv6 !== true,
                },
            },
            { path: "ipv6Addresses", source: SRC.instance }, // "ipv6_addresses": ForceNew
            { path: "keyName", source: SRC.instance }, // "key_name": ForceNew
            { path: "launchTemplate", source: SRC.instance }, // "launch_template" (+ id, name): ForceNew
            { path: "networkInterfaces[*].deleteOnTermination", source: SRC.instance }, // network_interface.*: ForceNew
            { path: "networkInterfaces[*].deviceIndex", source: SRC.instance },
            { path: "networkInterfaces[*].networkCardIndex", source: SRC.instance },
            { path: "networkInterfaces[*].networkInterfaceId", source: SRC.instance },
            { path: "placementGroup", source: SRC.instance }, // "placement_group": ForceNew
            { path: "placementPartitionNumber", source: SRC.instance }, // "placement_partition_number": ForceNew
            { path: "privateDnsNameOptions", source: SRC.instance }, // "private_dns_name_options": ForceNew
            { path: "privateIp", source: SRC.instance }, // "private_ip": ForceNew
            { path: "rootBlockDevice.encrypted", source: SRC.instance }, // root_block_device.encrypted: ForceNew
            { path: "rootBlockDevice.kmsKeyId", source: SRC.instance }, // root_block_device.kms_key_id: ForceNew
            { path: "securityGroups", source: SRC.instance }, // "security_groups" (names): ForceNew
            { path: "subnetId", source: SRC.instance }, // "subnet_id": ForceNew
            { path: "tenancy", source: SRC.instance }, // "tenancy": ForceNew
            { path: "userData", source: SRC.instanceUserData, condition: userDataReplaceOnChange },
            { path: "userDataBase64", source: SRC.instanceUserData, condition: userDataReplaceOnChange },
            regionRow,
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "keyName", targetType: "aws:ec2/keyPair:KeyPair", changesOnReplace: "if-autonamed" },
            { path: "launchTemplate.id", targetType: "aws:ec2/launchTemplate:LaunchTemplate", changesOnReplace: "always" },
        ],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2_instance.go `ResourceInstance`).
    computed: [
        "associatePublicIpAddress", "availabilityZone", "privateIp", "keyName", "subnetId", "vpcSecurityGroupIds", "securityGroups",
        "rootBlockDevice", "ebsOptimized", "monitoring", "metadataOptions", "tenancy", "userData", "hostId", "placementGroup",
        "cpuOptions", "creditSpecification", "ipv6Addresses", "ipv6AddressCount", "iamInstanceProfile", "instanceInitiatedShutdownBehavior",
        // ec2_instance.go root_block_device and metadata_options: the fields AWS fills in (delete_on_termination has a Default).
        "rootBlockDevice.encrypted", "rootBlockDevice.iops", "rootBlockDevice.kmsKeyId", "rootBlockDevice.throughput", "rootBlockDevice.volumeSize", "rootBlockDevice.volumeType",
        "metadataOptions.httpEndpoint", "metadataOptions.httpPutResponseHopLimit", "metadataOptions.httpTokens", "metadataOptions.instanceMetadataTags",
    ],
    readBackRules: [
        { property: "associatePublicIpAddress", rule: "read as \"the primary network interface has an association\": true while an Elastic IP is associated or an auto-assigned address is held, false for a stopped server without an Elastic IP", source: `${TF_SERVICE}ec2/ec2_instance.go resourceInstanceRead (primary ENI Association != nil); hashicorp/terraform-provider-aws#37318, #33775` },
        { property: "publicIp, publicDns", rule: "the Elastic IP's address while one is associated; empty for a stopped server without one (AWS releases an auto-assigned address on stop and assigns a new one on start)", source: `${TF_SERVICE}ec2/ec2_instance.go resourceInstanceRead (instance.PublicIpAddress); EC2 User Guide, "Public IPv4 addresses"` },
        { property: "rootBlockDevice.kmsKeyId, volumeSize, iops, throughput", rule: "the key ARN (the AWS-managed aws/ebs key when none was given), the AMI's snapshot size when none was given, gp3's 3000 IOPS and 125 MiB/s", source: `${TF_SERVICE}ec2/ec2_instance.go readBlockDevicesFromInstance (kms_key_id = volume.KmsKeyId)` },
        { property: "instanceState", rule: "\"stopped\" after a volume attachment with stopInstanceBeforeDetaching is deleted: nothing starts it again", source: `${TF_SERVICE}ec2/ebs_volume_attachment.go resourceVolumeAttachmentDelete (stopVolumeAttachmentInstance)` },
        { property: "userData", rule: "stored as the SHA-1 of the script, not the script; a diff compares the hash of the new script with it", source: `${TF_SERVICE}ec2/ec2_instance.go (user_data StateFunc userDataHashSum)` },
    ],
    create(w, a) {
        const { p, name: n } = a;
        const subnet = w.subnet(String(p.subnetId));
        if (!subnet) {
            throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${p.subnetId}' does not exist`);
        }
        const image = w.image(String(p.ami), String(p.instanceType));
        if (!image) {
            throw ID_PATTERNS.image.test(String(p.ami))
                ? new AwsError("InvalidAMIID.NotFound", `The image id '[${p.ami}]' does not exist`)
                : new AwsError("InvalidAMIID.Malformed", `Invalid id: "${p.ami}" (expecting "ami-...")`);
        }
        const typeArch = /^(a1|t4g|[a-z]+\dg[a-z]*|im4gn|is4gen|x2gd|x8g)\./.test(String(p.instanceType)) ? "arm64" : "x86_64";
        // An architecture the open world assumed is, by assumption, the instance type's.
        if (typeArch !== image.architecture && !w.openImages.get(image.id)?.architectureAssumed) {
            throw new AwsError("InvalidParameterValue", `The architecture '${typeArch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI`);
        }
        if (p.keyName !== undefined && !w.keyPairs.has(String(p.keyName))) {
            throw new AwsError("InvalidKeyPair.NotFound", `The key pair '${p.keyName}' does not exist`);
        }
        for (const sg of (p.vpcSecurityGroupIds as string[] | undefined) ?? []) {
            const group = w.securityGroup(sg, subnet.vpcId);
            if (!group || group.vpcId !== subnet.vpcId) {
                throw new AwsError("InvalidGroup.NotFound", `The security group '${sg}' does not exist in VPC '${subnet.vpcId}'`);
            }
        }
        const root = (p.rootBlockDevice ?? {}) as Props;
        if (root.kmsKeyId !== undefined) {
            w.notLookedUp(`KMS key ${root.kmsKeyId}`, "to exist and to be usable for EBS encryption (not looked up)");
        }
        if (root.volumeSize !== undefined && Number(root.volumeSize) < image.rootSizeGiB) {
            throw new AwsError("InvalidBlockDeviceMapping", `Volume of size ${root.volumeSize}GB is smaller than snapshot, expect size >= ${image.rootSizeGiB}GB`);
        }
        const id = w.awsId("i", n);
        w.instances.set(id, { az: subnet.az, subnetId: subnet.id });
        const privateIp = w.privateAddress(subnet, n);
        const hasPublic = p.associatePublicIpAddress === undefined ? subnet.mapPublicIpOnLaunch : p.associatePublicIpAddress === true;
        if (hasPublic === undefined) {
            w.notVerified.record(subnet.id, describeAssumption({ unknown: [`whether it maps a public IPv4 address on launch (public IPs show ${UNKNOWN_PUBLIC_IP})`] }));
        }
        const publicIp = hasPublic === undefined ? UNKNOWN_PUBLIC_IP : hasPublic ? w.publicAddress(n) : "";
        return {
            id, state: a.state({
                arn: w.arn("ec2", `instance/${id}`), availabilityZone: subnet.az, instanceState: "running",
                privateIp, privateDns: privateIp === UNKNOWN_PRIVATE_IP ? UNKNOWN_PRIVATE_DNS : `ip-${privateIp.replace(/\./g, "-")}.${w.region === "us-east-1" ? "ec2" : `${w.region}.compute`}.internal`,
                publicIp, publicDns: publicIp === UNKNOWN_PUBLIC_IP ? UNKNOWN_PUBLIC_DNS : publicIp ? w.publicDnsName(publicIp) : "",
                primaryNetworkInterfaceId: w.awsId("eni", n), outpostArn: "", passwordData: "",
                rootBlockDevice: { ...root, deviceName: image.rootDeviceName, volumeId: w.awsId("vol", `${n}/root`) },
            }),
        };
    },
    seed(w, id, o) {
        w.instances.set(id, { az: String(o.availabilityZone), subnetId: String(o.subnetId) });
    },
    readBack(out, r, world, w) {
        const association = world.find(x => x.type === EIP_ASSOCIATION && x.outputs.instanceId === r.id);
        const eip = association && world.find(x => x.type === EIP && x.id === association.outputs.allocationId);
        const running = (out.instanceState ?? "running") === "running";
        if (eip) {
            out.publicIp = eip.outputs.publicIp;
            out.publicDns = eip.outputs.publicDns;
        } else if (!running) {
            out.publicIp = "";
            out.publicDns = "";
        }
        out.associatePublicIpAddress = Boolean(eip) || (running && typeof out.publicIp === "string" && out.publicIp !== "");
        const root = (out.rootBlockDevice ?? {}) as Record<string, unknown>;
        const withDefaults = volumeDefaults({ volumeType: "gp3", deleteOnTermination: true, ...root }, "volumeType", w);
        if (withDefaults.volumeSize === undefined) {
            const size = w.amiRootSizeGiB(String(out.ami));
            // 0 or undefined: an image the model cannot see (open world); the size stays unknown.
            if (size) {
                withDefaults.volumeSize = size;
            }
        }
        out.rootBlockDevice = withDefaults;
        // user_data is stored as its SHA-1 (ec2_instance.go: user_data StateFunc userDataHashSum).
        if (typeof out.userData === "string" && out.userData !== "" && !/^[0-9a-f]{40}$/.test(out.userData)) {
            out.userData = userDataHash(out.userData);
        }
    },
    equivalent(path, a, b) {
        if (path === "userData" && typeof a === "string" && typeof b === "string" && /^[0-9a-f]{40}$/.test(b)) {
            return userDataHash(a) === b;
        }
        return undefined;
    },
    update({ old, newInputs, changed, outputs, world }) {
        const notes: string[] = [];
        const oldRoot = (old.outputs.rootBlockDevice ?? {}) as Record<string, unknown>;
        const newRoot = (newInputs.rootBlockDevice ?? {}) as Record<string, unknown>;
        outputs.rootBlockDevice = { ...oldRoot, ...newRoot };
        if (typeof newRoot.volumeSize === "number" && typeof oldRoot.volumeSize === "number" && newRoot.volumeSize < oldRoot.volumeSize) {
            throw new AwsRejection("InvalidParameterValue", `New size cannot be smaller than existing size (root volume of ${old.id}: ${oldRoot.volumeSize} GiB → ${newRoot.volumeSize} GiB)`,
                "EC2 API ModifyVolume; terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceUpdate (root_block_device.volume_size → ModifyVolume)");
        }
        const typeChange = changed("instanceType");
        const userDataChange = (changed("userData") || changed("userDataBase64")) && newInputs.userDataReplaceOnChange !== true;
        if (typeChange || userDataChange) {
            const what = typeChange ? `changes its type ${old.outputs.instanceType} → ${newInputs.instanceType}` : "replaces its user data";
            notes.push(`stops the server, ${what}, and starts it again (terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceUpdate: stop, ModifyInstanceAttribute, start)`);
            if (!hasEip(world, old) && typeof old.outputs.publicIp === "string" && old.outputs.publicIp !== "") {
                notes.push(`its auto-assigned public IP ${old.outputs.publicIp} is released on stop and a new one is assigned on start (elasticIp gives a fixed address)`);
                outputs.publicIp = old.outputs.publicIp.replace(/\.(\d+)$/, (_m, d) => `.${(Number(d) % 253) + 1}`);
                // The public DNS name is made from the address (the VPC has DNS hostnames on): it changes with it.
                if (typeof old.outputs.publicDns === "string" && old.outputs.publicDns !== "") {
                    outputs.publicDns = old.outputs.publicDns.replace(old.outputs.publicIp.replace(/\./g, "-"), String(outputs.publicIp).replace(/\./g, "-"));
                }
            }
            if (hasInstanceStore(old.outputs.instanceType)) {
                notes.push(INSTANCE_STORE_NOTE);
            }
        }
        if (changed("rootBlockDevice")) {
            notes.push("modifies the root volume online (EC2 ModifyVolume): no restart; grow the filesystem inside the server afterwards");
        }
        return notes;
    },
    deleteRefusal(r) {
        if (r.outputs.disableApiTermination === true && r.outputs.forceDestroy !== true) {
            return { message: `OperationNotPermitted: The instance '${r.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again. (forceDestroy is not true in the state; setting it in the same operation does not help)`, source: "EC2 API TerminateInstances; terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceDelete (force_destroy is read from the state)" };
        }
        return undefined;
    },
    deleteFate(r) {
        const notes = [`terminates ${r.id}; its root volume is deleted with it (deleteOnTermination)`];
        if (hasInstanceStore(r.outputs.instanceType)) {
            notes.push(INSTANCE_STORE_NOTE);
        }
        return notes.join("; ");
    },
    replaceNotes(old, _news, world) {
        const notes: string[] = [];
        const attached = world.filter(x => x.type === ATTACHMENT && x.outputs.instanceId === old.id).map(x => x.outputs.volumeId);
        notes.push(`${old.id} is terminated: its root volume and everything on it is lost`);
        if (attached.length > 0) {
            // DetachVolume with Force false on a running server (ebs_volume_attachment.go resourceVolumeAttachmentDelete):
            // a volume still mounted can hang in "busy" until the provider times out.
            notes.push(`data volumes ${attached.join(", ")} are detached from the running old server and attached to the new one: unmount them on the old server (or stop it) before this up, or the detach can hang "busy"`);
        }
        if (hasInstanceStore(old.outputs.instanceType)) {
            notes.push(INSTANCE_STORE_NOTE);
        }
        return notes;
    },
};
