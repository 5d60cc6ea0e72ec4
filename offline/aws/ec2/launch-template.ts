/**
 * `aws:ec2/launchTemplate:LaunchTemplate` (aws_launch_template, terraform-provider-aws
 * internal/service/ec2/ec2_launch_template.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import type { StateResource } from "../../state";
import { AwsError } from "../errors";
import { regionRow, TF_EC2, TF_SERVICE } from "../rows";
import { LAUNCH_TEMPLATE } from "../tokens";
import type { AwsType, Props } from "../type";

/** Template arguments whose change makes no new version (resourceLaunchTemplateUpdate's updateKeys leave them out). */
const TEMPLATE_UNVERSIONED = new Set(["name", "namePrefix", "defaultVersion", "updateDefaultVersion", "tags", "tagsAll"]);

/**
 * A launch template update: any change of the template data is a new version (CreateLaunchTemplateVersion), made
 * the default with updateDefaultVersion. Servers already running are not touched by it.
 */
function launchTemplateUpdate(old: StateResource, newInputs: Record<string, unknown>, changedPaths: string[], outputs: Record<string, unknown>): string[] {
    if (!changedPaths.some(p => !TEMPLATE_UNVERSIONED.has(p.split(/[.[]/)[0]))) {
        return [];
    }
    const latest = Number(old.outputs.latestVersion ?? 1) + 1;
    outputs.latestVersion = latest;
    if (newInputs.updateDefaultVersion === true) {
        outputs.defaultVersion = latest;
    }
    return [`creates version ${latest} of the template${newInputs.updateDefaultVersion === true ? " and makes it the default" : ""}; running servers are not changed by it (${TF_SERVICE}ec2/ec2_launch_template.go resourceLaunchTemplateUpdate: CreateLaunchTemplateVersion, ModifyLaunchTemplate)`];
}

const SRC = {
    launchTemplate: `${TF_EC2}ec2_launch_template.go (aws_launch_template schema)`,
} as const;

export const launchTemplate: AwsType = {
    token: LAUNCH_TEMPLATE,
    kind: {
        stateful: false,
        label: "launch template",
        forceNew: [
            { path: "name", source: SRC.launchTemplate }, // name: ForceNew (every other argument makes a new version)
            { path: "namePrefix", source: SRC.launchTemplate }, // name_prefix: ForceNew
            regionRow,
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2/ec2_launch_template.go).
    computed: [
        "defaultVersion", "metadataOptions", "name", "namePrefix",
        // ec2_launch_template.go block_device_mappings.ebs: what AWS fills in from the image and the volume type.
        "blockDeviceMappings[*].ebs.iops", "blockDeviceMappings[*].ebs.throughput", "blockDeviceMappings[*].ebs.volumeSize", "blockDeviceMappings[*].ebs.volumeType",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`.
    autonamed: { property: "name", maxLength: 255 },
    readBackRules: [
        { property: "latestVersion, defaultVersion", rule: "the newest version (each change of the template data makes one) and, with updateDefaultVersion, the same as the default", source: `${TF_SERVICE}ec2/ec2_launch_template.go resourceLaunchTemplateRead / resourceLaunchTemplateUpdate` },
    ],
    // ec2_launch_template.go resourceLaunchTemplateCustomizeDiff marks `latest_version` new-computed when anything but
    // the name, description and version settings changes (tags included), and `default_version` too when
    // `update_default_version` is true. Offline the update's own result says whether a version is made (update below),
    // so a changed value is the unknown one.
    newComputedOnChange: ["latestVersion", "defaultVersion"],
    create(w, a) {
        const { p, name: n } = a;
        // CreateLaunchTemplate checks the encoding of user data; everything else in the template data is
        // checked when a group (or RunInstances) uses it.
        if (p.userData !== undefined) {
            const text = String(p.userData);
            if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
                throw new AwsError("InvalidUserData.Malformed", "Invalid BASE64 encoding of user data.");
            }
            if (Buffer.from(text, "base64").length > 16384) {
                throw new AwsError("InvalidParameterValue", "User data is limited to 16384 bytes");
            }
        }
        for (const m of (p.blockDeviceMappings as Props[] | undefined) ?? []) {
            const kms = (m.ebs as Props | undefined)?.kmsKeyId;
            if (kms !== undefined) {
                w.notLookedUp(`KMS key ${kms}`, "to exist and to be usable for EBS encryption (not looked up)");
            }
        }
        const id = w.awsId("lt", n);
        const name = String(p.name ?? (p.namePrefix !== undefined ? `${p.namePrefix}${w.hex(`prefix/${n}`, 26)}` : w.autoname(n)));
        w.launchTemplates.set(id, { name, latestVersion: 1, data: p });
        return { id, state: a.state({ arn: w.arn("ec2", `launch-template/${id}`), name, latestVersion: 1, defaultVersion: 1 }) };
    },
    seed(w, id, o) {
        w.launchTemplates.set(id, { name: String(o.name ?? id), latestVersion: Number(o.latestVersion ?? 1), data: o });
    },
    update({ old, newInputs, changedPaths, outputs }) {
        return launchTemplateUpdate(old, newInputs, changedPaths, outputs);
    },
};
