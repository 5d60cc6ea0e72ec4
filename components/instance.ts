import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import { Partition, ssmInstanceProfile } from "./ssm-profile";

/** A subnet servers go in, with its availability zone as a plain, known value. */
export interface ServerSubnet {
    id: pulumi.Input<string>;
    availabilityZone: string;
}

/** An EBS volume's size, type and encryption. */
export interface VolumeSettings {
    sizeGiB: number;
    /** gp3, gp2, io1, io2 (st1 and sc1 only for data volumes). */
    type: string;
    encrypted: boolean;
    /** Provisioned IOPS (gp3, io1, io2; required for io1 and io2). @default the type's baseline */
    iops?: number;
    /** Throughput in MiB/s (gp3 only). @default the type's baseline */
    throughput?: number;
    /** The full ARN of the KMS key (AWS reads back the ARN, whatever form was given). @default the account's EBS key */
    kmsKeyId?: string;
}

/** A data volume of each server: a separate EBS volume, kept when the server goes. */
export interface DataVolumeSettings extends VolumeSettings {
    /** Names the volume resource: `<component>-<i>-<name>`. */
    name: string;
    /** `/dev/sdf` … `/dev/sdp` (or `/dev/xvdf` … `/dev/xvdp`). */
    deviceName: string;
    /** Create the volume from this snapshot. @default none (an empty volume) */
    snapshotId?: string;
}

export interface InstanceArgs {
    /** How many identical servers; server i goes in `subnets[i % subnets.length]`. @default 1 */
    count?: number;
    /** Subnets to spread the servers over, round-robin, with their availability zones (plain, known values). */
    subnets: ServerSubnet[];
    /** Security groups for every server. */
    securityGroupIds: pulumi.Input<string>[];
    /** The AMI id. */
    ami: string;
    /**
     * True when `ami` was pinned by id. When false (resolved from an alias), `ignoreChanges: ["ami"]` keeps a newly
     * published image from replacing running servers: while a server is updated in place it keeps its image. A
     * replacement does not: whatever causes it (a new subnet or zone, key, user data with userDataReplaceOnChange,
     * publicIp) and `pulumi up --replace` alike, the new server boots the image the alias points to at that moment.
     * The engine checks a replacement's inputs again from the program's own values (pulumi/pulumi
     * pkg/resource/deploy/step_generator.go continueStepsFromDiff; a targeted replace, isTargetedReplace, checks
     * them so from the start), and `pulumi preview` does not list the new image; `npm run plan` does. To keep the
     * running image through a replacement, pin it first (`serverAmiIds` output); to roll forward on purpose, pin the
     * alias's current image (`amiId` output).
     */
    amiPinned: boolean;
    /** Instance type, e.g. t3.micro. Changing it stops and starts the server in place. */
    instanceType: pulumi.Input<string>;
    /** EC2 key pair name. @default none (Session Manager only) */
    keyName?: pulumi.Input<string>;
    /** Give the servers an IAM role with AmazonSSMManagedInstanceCore, for Session Manager. @default true */
    ssm?: boolean;
    /** AWS partition facts, to build ARNs and service principals (`aws.getPartition`). Required with `ssm`. @default none */
    partition?: Partition;
    /**
     * The servers have an auto-assigned public IPv4 address (billed by AWS), which they get from their subnets:
     * every subnet in `subnets` must have `mapPublicIpOnLaunch` on. `associatePublicIpAddress` is then not sent.
     * Turning it off replaces the servers; turning it on for existing servers needs `pulumi up --replace`.
     * @default false
     */
    publicIp?: boolean;
    /**
     * An Elastic IP per server: a fixed public address that survives stop/start and replacement. Billed per hour
     * whether or not it is attached. Put such servers in subnets that map no public address, or they also get an
     * auto-assigned one until the Elastic IP is associated. @default false
     */
    elasticIp?: boolean;
    /** Root volume. It is always deleted with its server: keep data on `dataVolumes`. */
    rootVolume: VolumeSettings;
    /**
     * Data volumes per server: separate EBS volumes in the server's AZ, attached by `aws.ec2.VolumeAttachment`.
     * They are kept (`retainOnDelete`) when the server is replaced or the stack is destroyed. Detaching does not
     * stop the server: unmount a volume's filesystem before removing it from this list. @default []
     */
    dataVolumes?: DataVolumeSettings[];
    /** User data (cloud-init). May be secret. @default none */
    userData?: pulumi.Input<string>;
    /** Replace the server when user data changes, instead of updating it in place (which needs a stop/start). @default false */
    userDataReplaceOnChange?: boolean;
    /** Detailed (1-minute) CloudWatch monitoring, billed. @default false */
    monitoring?: boolean;
    /**
     * EC2 termination protection (`disableApiTermination`), plus Pulumi's `protect` on each server and on what
     * connects it to its data and address (volume attachments, the Elastic IP's association): a change that would
     * replace or delete one of them fails at preview, and `up` stops before it creates anything. `pulumi destroy`
     * reaches those before the server, so it stops before the server loses its data volume; it still deletes what
     * nothing protected depends on (rules, routes, the target group attachment …). To replace or delete servers, set
     * it to false and `up` first. @default false
     */
    terminationProtection?: boolean;
    /**
     * A load balancer target group (`LoadBalancer.targetGroupArn`): each server is registered in it by an
     * `aws.lb.TargetGroupAttachment`, so it takes traffic once healthy. @default none
     */
    targetGroupArn?: pulumi.Input<string>;
    /** Prefix of the Name tags. @default the component name */
    namePrefix?: string;
    /** Tags for every resource (besides the provider's default tags). @default {} */
    tags?: Record<string, string>;
}

/** One server's addresses and ids. */
export interface Server {
    instance: aws.ec2.Instance;
    id: pulumi.Output<string>;
    availabilityZone: string;
    privateIp: pulumi.Output<string>;
    /** The Elastic IP, the auto-assigned address, or undefined when the server has no public address. */
    publicIp?: pulumi.Output<string>;
    publicDns?: pulumi.Output<string>;
    dataVolumeIds: pulumi.Output<string>[];
}

/**
 * `count` EC2 servers with IMDSv2 required, an encrypted gp3 root volume, optional Session Manager role,
 * Elastic IPs and retained data volumes.
 */
export class Instance extends pulumi.ComponentResource {
    public readonly servers: Server[];
    /** The IAM role of the servers (undefined without `ssm`). */
    public readonly roleName?: pulumi.Output<string>;

    constructor(name: string, args: InstanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:compute:Instance", name, {}, opts);
        const count = args.count ?? 1;
        if (!Number.isInteger(count) || count < 1 || count > 50) {
            throw new Error(`'count' must be an integer from 1 to 50, got ${count}`);
        }
        if (args.subnets.length === 0) {
            throw new Error("'subnets' must not be empty");
        }
        const ssm = args.ssm ?? true;
        if (ssm && !args.partition) {
            throw new Error("'ssm' requires 'partition'");
        }
        if (args.elasticIp && args.publicIp) {
            throw new Error("Cannot specify both 'publicIp' and 'elasticIp'; an Elastic IP is the server's public address");
        }
        const prefix = args.namePrefix ?? name;
        const tags = args.tags ?? {};
        const child = { parent: this };
        // What a protected server keeps: Pulumi deletes these before the server (they depend on it), so without
        // protect of their own a `pulumi destroy` would detach the data volume and the Elastic IP before it reaches
        // the server and stops.
        const serverParts = { parent: this, protect: args.terminationProtection ?? false };

        let profile: aws.iam.InstanceProfile | undefined;
        let ssmPolicy: aws.iam.RolePolicyAttachment | undefined;
        if (ssm) {
            const made = ssmInstanceProfile(name, { partition: args.partition!, namePrefix: prefix, tags }, this);
            profile = made.profile;
            ssmPolicy = made.policyAttachment;
            this.roleName = made.role.name;
        }

        this.servers = [];
        for (let i = 0; i < count; i++) {
            const subnet = args.subnets[i % args.subnets.length];
            const serverName = `${prefix}-${i}`;
            const root = args.rootVolume;
            const instance = new aws.ec2.Instance(`${name}-${i}`, {
                ami: args.ami,
                instanceType: args.instanceType,
                subnetId: subnet.id,
                vpcSecurityGroupIds: args.securityGroupIds,
                keyName: args.keyName,
                iamInstanceProfile: profile?.name,
                // Sent only when it can never be contradicted. terraform-provider-aws internal/service/ec2/ec2_instance.go
                // resourceInstanceRead sets associate_public_ip_address to "the primary network interface has an
                // Association": true once an Elastic IP is associated, false while a server with an auto-assigned
                // address is stopped (hashicorp/terraform-provider-aws#37318, #33775). The field is ForceNew, so a
                // sent value that AWS contradicts replaces the server on the next up. When it is not set,
                // buildNetworkInterfaceOpts sends no AssociatePublicIpAddress (d.GetOkExists) and the subnet's
                // mapPublicIpOnLaunch decides; Optional+Computed, an omitted value never shows a diff. Servers with
                // no public address send false: nothing can make AWS read it back as true.
                associatePublicIpAddress: args.publicIp || args.elasticIp ? undefined : false,
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                    instanceMetadataTags: "disabled",
                },
                rootBlockDevice: {
                    volumeType: root.type,
                    volumeSize: root.sizeGiB,
                    encrypted: root.encrypted,
                    kmsKeyId: root.kmsKeyId,
                    iops: root.iops,
                    throughput: root.throughput,
                    deleteOnTermination: true,
                    tags: { ...tags, Name: `${serverName}-root` },
                },
                userData: args.userData,
                userDataReplaceOnChange: args.userDataReplaceOnChange ?? false,
                monitoring: args.monitoring ?? false,
                disableApiTermination: args.terminationProtection ?? false,
                // From the first up on: the provider's resourceInstanceDelete lifts termination (and stop) protection
                // before terminating only when force_destroy is already in state (hashicorp/terraform-provider-aws
                // #43722; see `forceDestroy` in @pulumi/aws ec2/instance.d.ts: "If setting this field in the same
                // operation that would require replacing the instance or destroying the instance, this flag will not
                // work"). So an up that sets terminationProtection false and replaces the server in one go can still
                // terminate the old one. Pulumi's `protect` below is what refuses such changes while protection is on.
                forceDestroy: true,
                tags: { ...tags, Name: serverName },
            }, {
                ...child,
                // With termination protection, AWS refuses TerminateInstances, but only after a replacement server
                // has been created: the up would fail with two servers running. A protected resource is refused by
                // the engine at preview instead (pulumi/pulumi pkg/resource/deploy/step_generator.go: replacing when
                // `new.Protect && old.Protect` is "unable to replace resource ... as it is currently marked for
                // protection"; DeleteStep refuses to delete a protected resource). Unprotecting and replacing in one
                // up is allowed by the engine, and forceDestroy lets the provider terminate the old server then.
                protect: args.terminationProtection ?? false,
                ignoreChanges: args.amiPinned ? [] : ["ami"],
                // The SSM agent registers at boot with the role's permissions: the instance profile alone does not
                // wait for AmazonSSMManagedInstanceCore to be attached to the role, so order on the attachment too.
                dependsOn: ssmPolicy ? [ssmPolicy] : [],
            });

            let publicIp: pulumi.Output<string> | undefined;
            let publicDns: pulumi.Output<string> | undefined;
            if (args.elasticIp) {
                const eip = new aws.ec2.Eip(`${name}-${i}-eip`, {
                    domain: "vpc",
                    tags: { ...tags, Name: `${serverName}-eip` },
                }, child);
                // A separate association keeps the address when the server is replaced: only the association moves.
                new aws.ec2.EipAssociation(`${name}-${i}-eip`, { allocationId: eip.allocationId, instanceId: instance.id }, serverParts);
                publicIp = eip.publicIp;
                publicDns = eip.publicDns;
            } else if (args.publicIp) {
                publicIp = instance.publicIp;
                publicDns = instance.publicDns;
            }

            const dataVolumeIds = (args.dataVolumes ?? []).map(v => {
                const volume = new aws.ebs.Volume(`${name}-${i}-${v.name}`, {
                    // The subnet's AZ is a known value, so a server replacement never makes the volume's AZ unknown.
                    availabilityZone: subnet.availabilityZone,
                    size: v.sizeGiB,
                    type: v.type,
                    encrypted: v.encrypted,
                    kmsKeyId: v.kmsKeyId,
                    iops: v.iops,
                    throughput: v.throughput,
                    snapshotId: v.snapshotId,
                    tags: { ...tags, Name: `${serverName}-${v.name}` },
                }, { ...child, retainOnDelete: true });
                new aws.ec2.VolumeAttachment(`${name}-${i}-${v.name}`, {
                    instanceId: instance.id,
                    volumeId: volume.id,
                    deviceName: v.deviceName,
                    // No stopInstanceBeforeDetaching: terraform-provider-aws internal/service/ec2/ebs_volume_attachment.go
                    // resourceVolumeAttachmentDelete stops the instance (stopVolumeAttachmentInstance) before DetachVolume
                    // and nothing starts it again, so removing, renaming or replacing a data volume would leave the
                    // server stopped. Unmount the filesystem on the server before removing a volume from config.
                }, {
                    ...serverParts,
                    // A volume attaches to one server at a time: detach from the old server before attaching to its replacement.
                    deleteBeforeReplace: true,
                });
                return volume.id;
            });

            if (args.targetGroupArn !== undefined) {
                // Registered on the target group's own port; deregistered (connection draining) before the server goes.
                // Not protected with the server: a new target group replaces the attachment (target_group_arn is
                // ForceNew, elbv2/target_group_attachment.go), and deregistering loses no data.
                new aws.lb.TargetGroupAttachment(`${name}-${i}-target`, { targetGroupArn: args.targetGroupArn, targetId: instance.id }, child);
            }

            this.servers.push({
                instance,
                id: instance.id,
                availabilityZone: subnet.availabilityZone,
                privateIp: instance.privateIp,
                publicIp,
                publicDns,
                dataVolumeIds,
            });
        }

        this.registerOutputs({
            instanceIds: this.servers.map(s => s.id),
            privateIps: this.servers.map(s => s.privateIp),
            publicIps: this.servers.map(s => s.publicIp),
            roleName: this.roleName,
        });
    }
}
