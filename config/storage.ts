/** The storage keys: rootVolume, and dataVolumes (one set per server, kept when a server goes). */
import type * as v from "valibot";
import type { DataVolumeSettings, VolumeSettings } from "../components/instance";
import { EBS_TYPES } from "../lib/aws-facts";
import { Collector } from "./errors";
import { check, defaultOf, metadataOf, unknownKeys, keysOf, wholeNumber } from "./fields";
import { isRecord } from "../lib/values";
import { RawReader } from "./raw";
import { CONFIG, DATA_VOLUME, ROOT_VOLUME } from "./schema";

/** The root volume, the data volumes, and the raw dataVolumes value (which groupServersAreDisposable checks). */
export function storageSettings(c: Collector, read: RawReader): { rootVolume: VolumeSettings; dataVolumes: DataVolumeSettings[]; dataRaw: unknown } {
    const rootRaw = read.decoded("rootVolume");
    const rootVolume = volume(c, "rootVolume", rootRaw ?? {}, ROOT_VOLUME);
    const dataRaw = read.decoded("dataVolumes");
    const dataShape = metadataOf(CONFIG.entries.dataVolumes).shape!;
    const dataVolumes: DataVolumeSettings[] = [];
    if (dataRaw !== undefined) {
        if (!Array.isArray(dataRaw)) {
            c.bad("dataVolumes", dataRaw, dataShape);
        } else {
            dataRaw.forEach((v, i) => {
                const key = `dataVolumes[${i}]`;
                if (!isRecord(v)) {
                    c.bad(key, v, `an object ${dataShape.replace(/^a list of /, "")}`);
                    return;
                }
                const settings = volume(c, key, v, DATA_VOLUME);
                const name = v.name;
                check(c, `${key}.name`, DATA_VOLUME.entries.name, name);
                const deviceName = v.deviceName;
                check(c, `${key}.deviceName`, DATA_VOLUME.entries.deviceName, deviceName);
                const snapshotId = v.snapshotId;
                check(c, `${key}.snapshotId`, DATA_VOLUME.entries.snapshotId, snapshotId);
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

/**
 * One volume: its fields as the schema says, then what depends on its type (EBS_TYPES): the size, IOPS and throughput
 * limits, and which types take IOPS and throughput at all.
 */
function volume(c: Collector, key: string, v: unknown, schema: typeof ROOT_VOLUME | typeof DATA_VOLUME): VolumeSettings {
    const fields = schema.entries;
    const defaultSize = defaultOf(fields.sizeGiB) as number | undefined;
    const fallback: VolumeSettings = { sizeGiB: defaultSize ?? 8, type: defaultOf(fields.type) as string, encrypted: defaultOf(fields.encrypted) as boolean };
    if (!isRecord(v)) {
        c.bad(key, v, metadataOf(CONFIG.entries.rootVolume).shape!);
        return fallback;
    }
    unknownKeys(c, key, v, keysOf(schema), "only the keys", "unknown key");
    // A null type or encryption is taken as not given.
    const type = check(c, `${key}.type`, fields.type as v.GenericSchema<unknown, string>, v.type ?? fallback.type);
    if (type === undefined) {
        return fallback;
    }
    const limits = EBS_TYPES[type];
    const whole = (k: string, min: number, max: number, what: string) =>
        check(c, `${key}.${k}`, wholeNumber(min, max, { expected: `${what} from ${min} to ${max}`, trim: false }), v[k]);
    let sizeGiB = fallback.sizeGiB;
    if (v.sizeGiB === undefined && defaultSize === undefined) {
        c.bad(`${key}.sizeGiB`, undefined, `an integer size in GiB from ${limits.minSizeGiB} to ${limits.maxSizeGiB} for ${type}`);
    } else if (v.sizeGiB !== undefined) {
        sizeGiB = whole("sizeGiB", limits.minSizeGiB, limits.maxSizeGiB, `an integer size in GiB for ${type}`) ?? sizeGiB;
    }
    const encrypted = v.encrypted ?? fallback.encrypted;
    check(c, `${key}.encrypted`, fields.encrypted, encrypted);
    const out: VolumeSettings = { sizeGiB, type, encrypted: encrypted !== false };
    if (v.iops !== undefined) {
        if (!limits.iops) {
            c.bad(`${key}.iops`, v.iops, `no iops for ${type} (only gp3, io1, io2 take iops)`);
        } else {
            out.iops = whole("iops", limits.iops.min, limits.iops.max, `an integer IOPS for ${type}`);
        }
    } else if (limits.iops?.required) {
        c.bad(`${key}.iops`, undefined, `an integer IOPS from ${limits.iops.min} to ${limits.iops.max} (required for ${type})`);
    }
    if (v.throughput !== undefined) {
        if (!limits.throughput) {
            c.bad(`${key}.throughput`, v.throughput, `no throughput for ${type} (only gp3 takes throughput)`);
        } else {
            out.throughput = whole("throughput", limits.throughput.min, limits.throughput.max, `an integer throughput in MiB/s for ${type}`);
        }
    }
    if (v.kmsKeyId !== undefined) {
        const kmsKeyId = check(c, `${key}.kmsKeyId`, fields.kmsKeyId, v.kmsKeyId);
        if (kmsKeyId !== undefined && out.encrypted === false) {
            c.bad(`${key}.kmsKeyId`, v.kmsKeyId, "no kmsKeyId on an unencrypted volume (set encrypted: true)");
        } else if (kmsKeyId !== undefined) {
            out.kmsKeyId = kmsKeyId;
        }
    }
    return out;
}
