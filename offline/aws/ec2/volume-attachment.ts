/**
 * `aws:ec2/volumeAttachment:VolumeAttachment` (aws_volume_attachment, terraform-provider-aws
 * internal/service/ec2/ebs_volume_attachment.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import type { StateResource } from "../../state";
import { AwsError } from "../errors";
import { regionRow, TF_EC2 } from "../rows";
import { ATTACHMENT } from "../tokens";
import type { AwsType } from "../type";

const SRC = {
    attachment: `${TF_EC2}ebs_volume_attachment.go (aws_volume_attachment schema)`,
} as const;

export const volumeAttachment: AwsType = {
    token: ATTACHMENT,
    kind: {
        stateful: false,
        label: "volume attachment",
        forceNew: [
            { path: "deviceName", source: SRC.attachment }, // device_name: Required, ForceNew
            { path: "instanceId", source: SRC.attachment }, // instance_id: Required, ForceNew
            { path: "volumeId", source: SRC.attachment }, // volume_id: Required, ForceNew
            regionRow,
        ],
        references: [
            { path: "instanceId", targetType: "aws:ec2/instance:Instance", changesOnReplace: "always" },
            { path: "volumeId", targetType: "aws:ebs/volume:Volume", changesOnReplace: "always" },
        ],
    },
    untagged: true,
    create(w, a) {
        const { p, name: n } = a;
        const volume = w.volumes.get(String(p.volumeId));
        const instance = w.instances.get(String(p.instanceId));
        if (!volume || !instance) {
            throw new AwsError("InvalidVolume.NotFound", `volume ${p.volumeId} or instance ${p.instanceId} does not exist`);
        }
        if (volume.az !== instance.az) {
            throw new AwsError("InvalidVolume.ZoneMismatch", `The volume '${p.volumeId}' is not in the same availability zone as instance '${p.instanceId}'`);
        }
        return { id: `vai-${w.hex(n, 10)}`, state: a.state({}) };
    },
    deleteFate(r) {
        return `detaches ${r.outputs.volumeId} from ${r.outputs.instanceId}`;
    },
    replaceNotes(old, news) {
        const notes: string[] = [];
        notes.push(news.volumeId === old.outputs.volumeId
            ? `detaches ${old.outputs.volumeId} from ${old.outputs.instanceId} and attaches it again: data on the volume is kept`
            : `detaches ${old.outputs.volumeId} from ${old.outputs.instanceId} and attaches a NEW, EMPTY volume in its place: the server starts without the data on ${old.outputs.volumeId}`);
        return notes;
    },
};

/** True when deleting this attachment stops its server first (and nothing starts it again). */
export function attachmentStopsServer(r: StateResource): boolean {
    return r.type === ATTACHMENT && (r.outputs.stopInstanceBeforeDetaching === true || r.inputs.stopInstanceBeforeDetaching === true);
}
