/** The storage keys: rootVolume, and dataVolumes (one set per server, kept when a server goes). */
import type { DataVolumeSettings, VolumeSettings } from "../components/instance";
import { DATA_DEVICE_PATTERN, EBS_TYPES, ROOT_VOLUME_TYPES, closest } from "../lib/aws-facts";
import { Collector } from "./errors";
import { isObject, port, RawReader } from "./fields";
import { SNAPSHOT_ID } from "./schema";

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

/** The root volume, the data volumes, and the raw dataVolumes value (which groupServersAreDisposable checks). */
export function storageSettings(c: Collector, read: RawReader): { rootVolume: VolumeSettings; dataVolumes: DataVolumeSettings[]; dataRaw: unknown } {
    const rootRaw = read.json("rootVolume", "an object {sizeGiB, type, encrypted, iops?, throughput?, kmsKeyId?}");
    const rootVolume = volume(c, "rootVolume", rootRaw ?? {}, ROOT_VOLUME_TYPES, { sizeGiB: 8, type: "gp3", encrypted: true }, []);
    const dataRaw = read.json("dataVolumes", "a list of {name, sizeGiB, type, deviceName, encrypted}");
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
    return { rootVolume, dataVolumes, dataRaw };
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
