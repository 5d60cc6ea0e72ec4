/**
 * `aws:ebs/volume:Volume` (aws_ebs_volume, terraform-provider-aws internal/service/ec2/ebs_volume.go): what AWS and the
 * provider do for it, as the offline engine and the simulated provider model it.
 */
import * as crypto from "node:crypto";
import { AwsRejection } from "../errors";
import { regionRow, TF_EC2, TF_SERVICE } from "../rows";
import { ATTACHMENT, VOLUME } from "../tokens";
import type { AwsType, WorldFacts } from "../type";

/** The ARN of the AWS-managed `aws/ebs` key of the account and region (deterministic in the model). */
export function awsManagedEbsKeyArn(w: Pick<WorldFacts, "region" | "partition" | "accountId">): string {
    const h = crypto.createHash("sha256").update(`${w.region}/aws/ebs`).digest("hex");
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    return `arn:${w.partition}:kms:${w.region}:${w.accountId}:key/${uuid}`;
}

/** A volume (or root device) as AWS reports it: gp3's IOPS and throughput, the AWS-managed key when encrypted without one. */
export function volumeDefaults(v: Record<string, unknown>, typeKey: string, w: WorldFacts): Record<string, unknown> {
    const out = { ...v };
    if (out[typeKey] === "gp3") {
        out.iops = out.iops ?? 3000;
        out.throughput = out.throughput ?? 125;
    }
    if (out.encrypted === true && (out.kmsKeyId === undefined || out.kmsKeyId === "")) {
        out.kmsKeyId = awsManagedEbsKeyArn(w);
    }
    return out;
}

const SRC = {
    volume: `${TF_EC2}ebs_volume.go (aws_ebs_volume schema)`,
} as const;

export const volume: AwsType = {
    token: VOLUME,
    kind: {
        stateful: true,
        label: "EBS volume",
        forceNew: [
            { path: "availabilityZone", source: SRC.volume }, // availability_zone: Required, ForceNew
            { path: "encrypted", source: SRC.volume }, // encrypted: ForceNew
            { path: "kmsKeyId", source: SRC.volume }, // kms_key_id: ForceNew
            { path: "multiAttachEnabled", source: SRC.volume }, // multi_attach_enabled: ForceNew
            { path: "outpostArn", source: SRC.volume }, // outpost_arn: ForceNew
            { path: "snapshotId", source: SRC.volume }, // snapshot_id: ForceNew
            regionRow,
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ebs_volume.go `ResourceEBSVolume`).
    computed: [
        "iops", "throughput", "kmsKeyId", "encrypted", "type", "size", "snapshotId",
    ],
    readBackRules: [
        { property: "kmsKeyId, iops, throughput", rule: "the key ARN (the AWS-managed aws/ebs key when none was given), gp3's 3000 IOPS and 125 MiB/s when not given", source: `${TF_SERVICE}ec2/ebs_volume.go resourceEBSVolumeRead (kms_key_id = volume.KmsKeyId)` },
    ],
    create(w, a) {
        const { p, name: n } = a;
        const az = w.requireZone(p.availabilityZone, "volume");
        if (p.kmsKeyId !== undefined) {
            w.notLookedUp(`KMS key ${p.kmsKeyId}`, "to exist and to be usable for EBS encryption (not looked up)");
        }
        if (p.snapshotId !== undefined) {
            w.notLookedUp(String(p.snapshotId), `to exist in ${w.region} and to be no larger than the volume (not looked up)`);
        }
        const id = w.awsId("vol", n);
        w.volumes.set(id, { az });
        return { id, state: a.state({ arn: w.arn("ec2", `volume/${id}`), createTime: "2026-01-01T00:00:00Z" }) };
    },
    seed(w, id, o) {
        w.volumes.set(id, { az: String(o.availabilityZone) });
    },
    readBack(out, _r, _world, w) {
        Object.assign(out, volumeDefaults({ type: "gp3", ...out }, "type", w));
    },
    update({ old, newInputs, changed }) {
        const notes: string[] = [];
        if (typeof newInputs.size === "number" && typeof old.outputs.size === "number" && newInputs.size < old.outputs.size) {
            throw new AwsRejection("InvalidParameterValue", `New size cannot be smaller than existing size (${old.id}: ${old.outputs.size} GiB → ${newInputs.size} GiB)`,
                "EC2 API ModifyVolume; terraform-provider-aws internal/service/ec2/ebs_volume.go resourceEBSVolumeUpdate");
        }
        if (changed("size") || changed("type") || changed("iops") || changed("throughput")) {
            notes.push("modifies the volume online (EC2 ModifyVolume): data kept; grow the filesystem inside the server afterwards");
        }
        return notes;
    },
    deleteRefusal(r, world, deleting) {
        const attachment = world.find(x => x.type === ATTACHMENT && x.outputs.volumeId === r.id && !deleting.has(x.urn));
        if (attachment) {
            return { message: `VolumeInUse: Volume ${r.id} is currently attached to ${attachment.outputs.instanceId}`, source: "EC2 API DeleteVolume" };
        }
        return undefined;
    },
    deleteFate(r) {
        return `deletes ${r.id} and every byte on it`;
    },
    replaceNotes(old, news) {
        if (!old.retainOnDelete) {
            return undefined;
        }
        const notes: string[] = [];
        const moved = news.availabilityZone !== undefined && news.availabilityZone !== old.outputs.availabilityZone;
        notes.push(`DATA: a NEW, EMPTY volume${moved ? ` in ${String(news.availabilityZone)}` : ""} replaces ${old.id}; ${old.id} stays in AWS with its data, detached, in ${String(old.outputs.availabilityZone)} (retainOnDelete), outside the stack and still billed`);
        if (moved) {
            notes.push(`its server moves from ${String(old.outputs.availabilityZone)} to ${String(news.availabilityZone)} (servers are spread round-robin over the zones, so a change of availabilityZones moves some) and an EBS volume cannot follow it to another zone (availabilityZone forces a new volume: terraform-provider-aws internal/service/ec2/ebs_volume.go). To keep the data, keep availabilityZones, or snapshot ${old.id} and give the snapshot as the volume's snapshotId`);
        }
        return notes;
    },
};
