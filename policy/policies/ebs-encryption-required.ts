import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { bool, get, list, show, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/**
 * Every EBS volume the stack declares must be encrypted (AWS Security Hub EC2.3):
 * - Instance: `rootBlockDevice.encrypted` and each `ebsBlockDevices[].encrypted` are true. An unset
 *   rootBlockDevice is reported (the root volume is then only as encrypted as the AMI snapshot or the
 *   account default), except on an Instance that sets `launchTemplate`, whose template decides.
 * - ebs.Volume: `encrypted` is true.
 * - LaunchTemplate: each `blockDeviceMappings[].ebs.encrypted` is true or "true"; mappings without `ebs`
 *   (instance store, noDevice) are skipped, and a template without mappings is not reported.
 * Unknown values are reported: encryption should be a literal `true`, not something computed.
 */
export const ebsEncryptionRequired: ResourceValidationPolicy = {
    name: "ebs-encryption-required",
    description:
        "EBS volumes (instance root and data volumes, ebs.Volume, launch template block devices) must be " +
        "encrypted: unencrypted volumes and their snapshots expose data to anyone who can copy or share them " +
        "(AWS Security Hub EC2.3).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.Instance, T.Volume, T.LaunchTemplate], (args, reportViolation) => {
        const check = (where: string, value: unknown) => {
            const encrypted = bool(value);
            if (encrypted === true) {
                return;
            }
            const state = encrypted === UNKNOWN ? "is unknown during preview" : value === undefined ? "is not set" : `is ${show(value)}`;
            reportViolation(`${where} ${state}, so the volume may be unencrypted. Set ${where} to true (optionally with a KMS key).`);
        };
        const unknownList = (where: string) =>
            reportViolation(`${where} is unknown during preview, so its volumes may be unencrypted. Declare each volume with encrypted: true.`);
        const props = args.props;
        if (args.type === T.Volume) {
            check("encrypted", get(props, "encrypted"));
        } else if (args.type === T.Instance) {
            const root = get(props, "rootBlockDevice");
            if (!(root === undefined && get(props, "launchTemplate") !== undefined)) {
                check("rootBlockDevice.encrypted", get(root, "encrypted"));
            }
            const devices = list(get(props, "ebsBlockDevices"));
            if (devices === UNKNOWN) {
                unknownList("ebsBlockDevices");
            } else {
                devices.forEach((d, i) => check(`ebsBlockDevices[${i}].encrypted`, get(d, "encrypted")));
            }
        } else {
            const mappings = list(get(props, "blockDeviceMappings"));
            if (mappings === UNKNOWN) {
                unknownList("blockDeviceMappings");
            } else {
                mappings.forEach((m, i) => {
                    const ebs = get(m, "ebs");
                    if (ebs !== undefined) {
                        check(`blockDeviceMappings[${i}].ebs.encrypted`, get(ebs, "encrypted"));
                    }
                });
            }
        }
    }),
};
